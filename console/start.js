// Starts the console: the wasm renders the app into #console. A file of its
// own because the console's policy allows no inline script.
import init from './pkg/police_engage_console.js';

init();
