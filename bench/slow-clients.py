"""Holds N connections to HOST:PORT the way a slowloris attack does: each
sends a request's headers a few bytes every five seconds and never finishes;
when the server drops one, it connects again. Prints, every ten seconds, how
many are connected and how many the server has dropped so far.
Usage: python3 bench/slow-clients.py HOST PORT N SECONDS"""
import asyncio
import sys
import time

HOST, PORT, N, SECONDS = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), float(sys.argv[4])
connected = 0
dropped = 0


async def hold(reader, writer, deadline):
    """Trickles headers until the server closes the connection or time is up."""
    closed = asyncio.ensure_future(reader.read(1))
    writer.write(b"GET /v1/feed.json HTTP/1.1\r\nHost: x\r\n")
    while time.monotonic() < deadline:
        done, _ = await asyncio.wait([closed], timeout=5)
        if done:
            closed.exception()  # a reset is a drop too; read it so asyncio does not report it
            return True
        writer.write(b"X-a: b\r\n")
        await writer.drain()
    closed.cancel()
    return False


async def one(deadline):
    global connected, dropped
    while time.monotonic() < deadline:
        try:
            reader, writer = await asyncio.open_connection(HOST, PORT)
        except OSError:
            await asyncio.sleep(1)
            continue
        connected += 1
        try:
            if await hold(reader, writer, deadline):
                dropped += 1
        except OSError:
            dropped += 1
        finally:
            connected -= 1
            writer.close()


async def report(deadline):
    while time.monotonic() < deadline:
        await asyncio.sleep(10)
        print(f"slow clients: {connected} connected, {dropped} dropped by the server so far", flush=True)


async def main():
    deadline = time.monotonic() + SECONDS
    await asyncio.gather(report(deadline), *(one(deadline) for _ in range(N)))


asyncio.run(main())
