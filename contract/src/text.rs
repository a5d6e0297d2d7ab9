//! Text as people count it, and cut to fit.

/// Characters as a resident counts them (not bytes).
pub fn length(s: &str) -> usize {
    s.chars().count()
}

/// A limit as the catalogues write it in prose: 2,000 (English and Welsh
/// both group thousands with a comma).
pub fn in_words(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, d) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(d);
    }
    out
}

/// `text`, trimmed, in at most `max` characters: whole when it fits, else
/// cut at the last word boundary and ended with an ellipsis (counted).
pub fn shorten(text: &str, max: usize) -> String {
    let text = text.trim();
    if max == 0 {
        return String::new();
    }
    match text.char_indices().nth(max) {
        None => text.to_owned(),
        Some(_) => {
            // Room for the ellipsis: the head is at most max - 1 characters.
            let cut = text.char_indices().nth(max - 1).map_or(text.len(), |(i, _)| i);
            let head = &text[..cut];
            let head = match head.rfind(char::is_whitespace) {
                Some(i) if i > 0 => &head[..i],
                _ => head,
            };
            format!("{}…", head.trim_end())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn limits_read_as_written() {
        assert_eq!([in_words(12), in_words(100), in_words(2000), in_words(50_000)], ["12", "100", "2,000", "50,000"]);
    }

    #[test]
    fn fits_or_is_cut_at_a_word_within_the_limit() {
        assert_eq!(shorten("  short ", 10), "short");
        assert_eq!(shorten("exactly10!", 10), "exactly10!");
        assert_eq!(shorten("one two three four", 10), "one two…");
        assert_eq!(shorten("ŵŷŵŷŵŷŵŷŵŷŵŷ", 5), "ŵŷŵŷ…");
        assert_eq!(shorten("anything", 0), "");
        for max in 1..30 {
            for text in [
                "one two three four five six seven",
                "ŵŷŵŷŵŷŵŷŵŷŵŷŵŷŵŷŵŷŵŷŵŷŵŷŵŷŵŷŵŷŵŷ",
                "a b c d e f g h i j k l m n o p",
            ] {
                assert!(length(&shorten(text, max)) <= max, "{text} in {max}");
            }
        }
    }
}
