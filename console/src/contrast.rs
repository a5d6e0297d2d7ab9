//! Colours as partners type them, and WCAG 2.2 contrast between two.

/// What WCAG AA asks of text against its background.
pub const AA_TEXT: f64 = 4.5;

/// A hex colour as `#rrggbb`, from what a person may type: with or without
/// `#`, three or six digits, any case, spaces around.
pub fn hex(typed: &str) -> Option<String> {
    let digits = typed.trim().trim_start_matches('#');
    if !digits.chars().all(|c| c.is_ascii_hexdigit()) {
        return None;
    }
    let six = match digits.len() {
        3 => digits.chars().flat_map(|c| [c, c]).collect(),
        6 => digits.to_owned(),
        _ => return None,
    };
    Some(format!("#{}", six.to_ascii_lowercase()))
}

/// The contrast ratio of two `#rrggbb` colours, from 1 to 21.
pub fn ratio(a: &str, b: &str) -> Option<f64> {
    let (a, b) = (luminance(a)?, luminance(b)?);
    let (light, dark) = if a > b { (a, b) } else { (b, a) };
    Some((light + 0.05) / (dark + 0.05))
}

/// A ratio as WCAG quotes it, never rounded up past a threshold: 4.49 is "4.4".
pub fn shown(ratio: f64) -> String {
    format!("{:.1}", (ratio * 10.0).floor() / 10.0)
}

/// Relative luminance (WCAG 2.2) of `#rrggbb`.
fn luminance(hex: &str) -> Option<f64> {
    let hex = hex.strip_prefix('#')?;
    let channel = |at: usize| -> Option<f64> {
        let c = f64::from(u8::from_str_radix(hex.get(at..at + 2)?, 16).ok()?) / 255.0;
        Some(if c <= 0.04045 { c / 12.92 } else { ((c + 0.055) / 1.055).powf(2.4) })
    };
    Some(0.2126 * channel(0)? + 0.7152 * channel(2)? + 0.0722 * channel(4)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colours_as_people_type_them() {
        assert_eq!(hex(" 00594F ").as_deref(), Some("#00594f"));
        assert_eq!(hex("#0af").as_deref(), Some("#00aaff"));
        for bad in ["", "#12345", "green", "#gg0000", "rgb(0,0,0)"] {
            assert_eq!(hex(bad), None, "{bad}");
        }
    }

    #[test]
    fn contrast_as_wcag_counts_it() {
        assert_eq!(shown(ratio("#000000", "#ffffff").unwrap()), "21.0");
        assert_eq!(shown(ratio("#ffffff", "#ffffff").unwrap()), "1.0");
        // GOV.UK's link blue on white passes; its light grey does not.
        assert!(ratio("#1d70b8", "#ffffff").unwrap() >= AA_TEXT);
        assert!(ratio("#b1b4b6", "#ffffff").unwrap() < AA_TEXT);
        assert_eq!(shown(4.499), "4.4", "never rounded up to a pass");
    }
}
