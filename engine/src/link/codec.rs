//! How a value is written in a link and read back: the one percent-encoder
//! of the project, the text form of each value type, and the provider codec
//! (`provider/model[:standby[:amount]]`).

use std::str::FromStr;

use rust_decimal::Decimal;

use crate::money::Money;
use crate::scenario::{ProviderLink, StandbyMode};

/// A value as a link writes it and reads it back.
pub(super) trait Text: Sized {
    fn show(&self) -> String;
    fn read(text: &str) -> Result<Self, String>;
}

impl Text for String {
    fn show(&self) -> String {
        self.clone()
    }
    fn read(text: &str) -> Result<Self, String> {
        Ok(text.to_owned())
    }
}

impl Text for bool {
    fn show(&self) -> String {
        self.to_string()
    }
    fn read(text: &str) -> Result<Self, String> {
        match text {
            "true" => Ok(true),
            "false" => Ok(false),
            _ => Err("is not true or false".to_owned()),
        }
    }
}

fn whole<T: FromStr>(text: &str) -> Result<T, String> {
    // `u32::from_str` also takes "+5"; a link has one spelling per value.
    if text.is_empty() || !text.bytes().all(|b| b.is_ascii_digit()) {
        return Err("is not a whole number".to_owned());
    }
    text.parse().map_err(|_| "is too large".to_owned())
}

impl Text for u32 {
    fn show(&self) -> String {
        self.to_string()
    }
    fn read(text: &str) -> Result<Self, String> {
        whole(text)
    }
}

impl Text for u64 {
    fn show(&self) -> String {
        self.to_string()
    }
    fn read(text: &str) -> Result<Self, String> {
        whole(text)
    }
}

impl Text for Decimal {
    fn show(&self) -> String {
        // `500.00` and `500` are the same value; the link writes it one way.
        self.normalize().to_string()
    }
    fn read(text: &str) -> Result<Self, String> {
        let digits = text.strip_prefix('-').unwrap_or(text);
        let (int, frac) = digits.split_once('.').unwrap_or((digits, "0"));
        let plain = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
        if !plain(int) || !plain(frac) {
            return Err("is not a number".to_owned());
        }
        Decimal::from_str_exact(text).map_err(|_| "has too many digits".to_owned())
    }
}

impl Text for Money {
    fn show(&self) -> String {
        self.to_decimal().show()
    }
    fn read(text: &str) -> Result<Self, String> {
        Decimal::read(text).map(Money::new)
    }
}

impl<T: Text> Text for Option<T> {
    fn show(&self) -> String {
        self.as_ref().map(Text::show).unwrap_or_default()
    }
    fn read(text: &str) -> Result<Self, String> {
        if text.is_empty() {
            Ok(None)
        } else {
            T::read(text).map(Some)
        }
    }
}

/// A number a scenario field holds, for range checks: `None` when the field
/// is empty or is not a number (text and flags are never range-checked).
pub(super) trait Number {
    fn number(&self) -> Option<Decimal>;
}

impl Number for Decimal {
    fn number(&self) -> Option<Decimal> {
        Some(*self)
    }
}

impl Number for Money {
    fn number(&self) -> Option<Decimal> {
        Some(self.to_decimal())
    }
}

impl Number for u32 {
    fn number(&self) -> Option<Decimal> {
        Some(Decimal::from(*self))
    }
}

impl Number for u64 {
    fn number(&self) -> Option<Decimal> {
        Some(Decimal::from(*self))
    }
}

impl Number for String {
    fn number(&self) -> Option<Decimal> {
        None
    }
}

impl Number for bool {
    fn number(&self) -> Option<Decimal> {
        None
    }
}

impl<T: Number> Number for Option<T> {
    fn number(&self) -> Option<Decimal> {
        self.as_ref().and_then(Number::number)
    }
}

/// Reads `raw` (percent-encoded) into `slot`.
pub(super) fn put<T: Text>(slot: &mut T, raw: &str) -> Result<(), String> {
    *slot = T::read(&unescape(raw)?)?;
    Ok(())
}

const PROVIDER_FORMAT: &str = "is not provider/model[:standby[:amount]], e.g. azure-openai/gpt-4o:provisioned:500";

/// `openai/gpt-4o`, or `azure-openai/gpt-4o:provisioned:500` when it stands
/// by at a cost; percent-encoded for a link.
pub fn show_provider(link: &ProviderLink) -> String {
    let mut text = format!("{}/{}", escape(&link.provider, false), escape(&link.model, false));
    if link.standby != StandbyMode::PayPerUse || !link.provisioned_monthly.to_decimal().is_zero() {
        let mode = match link.standby {
            StandbyMode::PayPerUse => "pay_per_use",
            StandbyMode::Provisioned => "provisioned",
        };
        text.push_str(&format!(":{mode}:{}", link.provisioned_monthly.show()));
    }
    text
}

/// The inverse of [`show_provider`]; an empty value is no link at all.
pub fn read_provider(raw: &str) -> Result<Option<ProviderLink>, String> {
    if raw.is_empty() {
        return Ok(None);
    }
    // Split before percent-decoding, so an id holding an encoded `/` or `:` stays whole.
    let (provider, rest) = raw.split_once('/').ok_or_else(|| PROVIDER_FORMAT.to_owned())?;
    let mut parts = rest.split(':');
    let model = parts.next().unwrap_or_default();
    let standby = match parts.next() {
        None | Some("pay_per_use") => StandbyMode::PayPerUse,
        Some("provisioned") => StandbyMode::Provisioned,
        Some(other) => {
            return Err(format!(
                "has standby {:?}; allowed: pay_per_use, provisioned",
                unescape(other).unwrap_or_else(|_| other.to_owned())
            ))
        }
    };
    let provisioned_monthly = match parts.next() {
        None => Money::ZERO,
        Some(amount) => Money::read(&unescape(amount)?).map_err(|p| format!("has an amount that {p}"))?,
    };
    if parts.next().is_some() {
        return Err(PROVIDER_FORMAT.to_owned());
    }
    Ok(Some(ProviderLink {
        provider: unescape(provider)?,
        model: unescape(model)?,
        standby,
        provisioned_monthly,
    }))
}

/// Percent-encodes for a query string (`application/x-www-form-urlencoded`,
/// space as `+`). With `keep_separators`, `/` and `:` stay readable; without,
/// they are encoded too, so they cannot split a composite value such as
/// `provider/model`. The one encoder of every link drplan writes.
pub fn escape(text: &str, keep_separators: bool) -> String {
    let mut out = String::with_capacity(text.len());
    for b in text.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'*' => out.push(char::from(b)),
            b'/' | b':' if keep_separators => out.push(char::from(b)),
            b' ' => out.push('+'),
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

/// Decodes `+` and `%XX`; a stray `%` or bytes that are not UTF-8 are errors, not panics.
pub fn unescape(raw: &str) -> Result<String, String> {
    let bytes = raw.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' => {
                let hex = |j: usize| bytes.get(j).and_then(|b| char::from(*b).to_digit(16));
                match (hex(i + 1), hex(i + 2)) {
                    (Some(high), Some(low)) => out.push((high * 16 + low) as u8),
                    _ => return Err("has a % that is not followed by two hex digits".to_owned()),
                }
                i += 2;
            }
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8(out).map_err(|_| "is not UTF-8 text once percent-decoded".to_owned())
}

/// A value for an error message: decoded when it can be, else as written.
pub(super) fn shown(raw: &str) -> String {
    unescape(raw).unwrap_or_else(|_| raw.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_and_unescape_are_inverse_for_any_text() {
        for text in ["", "a b", "50% & =+?#", "é§✓", "x/y:z", "%zz"] {
            assert_eq!(unescape(&escape(text, false)).unwrap(), text);
            assert_eq!(unescape(&escape(text, true)).unwrap(), text);
        }
    }

    #[test]
    fn unescape_rejects_stray_percent_and_invalid_utf8() {
        assert!(unescape("%").is_err());
        assert!(unescape("%4").is_err());
        assert!(unescape("%+1").is_err());
        assert!(unescape("%FF").is_err());
        assert!(unescape("%C3%A9").is_ok());
    }
}
