//! Reading report files as drafters have them: UTF-8 (with or without BOM),
//! UTF-16 with BOM, or GB18030/GBK from Chinese office software; and writing them back the
//! same way (`fix --in-place` keeps the encoding, BOM and line ends).

use encoding_rs::{BIG5, GB18030, UTF_16BE, UTF_16LE};

/// How a file's bytes are laid out, so that a rewrite gives the same kind of file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Form {
    /// UTF-8, with a BOM or not.
    Utf8 { bom: bool },
    /// UTF-16 little-endian, with a BOM or not.
    Utf16Le { bom: bool },
    /// UTF-16 big-endian, with a BOM or not.
    Utf16Be { bom: bool },
    /// GB18030 (GBK, GB2312 are subsets).
    Gb18030,
}

/// The decoded text and the encoding it was in (named in `--format json` as `encoding`).
#[derive(Debug)]
pub struct Decoded {
    pub text: String,
    pub encoding: &'static str,
    pub form: Form,
}

/// Decode `bytes`; a BOM is dropped. Fails when the bytes are neither UTF-8 nor GB18030, or are
/// in an encoding the checker does not read (Big5, UTF-32), with that encoding named.
pub fn decode(bytes: &[u8]) -> Result<Decoded, String> {
    // UTF-32 first: its little-endian BOM starts with UTF-16LE's.
    if bytes.starts_with(b"\xFF\xFE\0\0") || bytes.starts_with(b"\0\0\xFE\xFF") || utf32_without_bom(bytes) {
        return Err("is UTF-32 text, which is not read; save it as UTF-8 (or UTF-16)".into());
    }
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return std::str::from_utf8(rest)
            .map(|t| Decoded { text: t.to_string(), encoding: "UTF-8", form: Form::Utf8 { bom: true } })
            .map_err(|e| format!("starts with a UTF-8 BOM but is not valid UTF-8 at byte {}; save it as UTF-8 again", e.valid_up_to() + 3));
    }
    for (bom, enc, name, form) in
        [(&b"\xFF\xFE"[..], UTF_16LE, "UTF-16LE", Form::Utf16Le { bom: true }), (&b"\xFE\xFF"[..], UTF_16BE, "UTF-16BE", Form::Utf16Be { bom: true })]
    {
        if bytes.starts_with(bom) {
            let (text, had_errors) = enc.decode_with_bom_removal(bytes);
            if had_errors {
                return Err(format!("starts with a {name} BOM but is not valid {name}; save it as UTF-8"));
            }
            return Ok(Decoded { text: text.into_owned(), encoding: name, form });
        }
    }
    // UTF-16 without a BOM (some editors' "Unicode" HTML): its ASCII (markup, digits) leaves NUL
    // bytes on one side only, which no UTF-8 or GBK text has.
    if let Some((enc, name, form)) = utf16_without_bom(bytes) {
        let (text, had_errors) = enc.decode_without_bom_handling(bytes);
        if !had_errors {
            return Ok(Decoded { text: text.into_owned(), encoding: name, form });
        }
    }
    if let Ok(t) = std::str::from_utf8(bytes) {
        return Ok(Decoded { text: t.to_string(), encoding: "UTF-8", form: Form::Utf8 { bom: false } });
    }
    if bytes.starts_with(b"PK\x03\x04") {
        return Err("is a zip file (a .docx?): name it .docx or pass --input docx".into());
    }
    if bytes.starts_with(b"\xD0\xCF\x11\xE0") {
        return Err("is a legacy Word .doc file: save it as .docx in Word or WPS".into());
    }
    let (text, _, had_errors) = GB18030.decode(bytes);
    if had_errors {
        return Err("is neither UTF-8 nor GB18030/GBK text; save it as UTF-8".into());
    }
    // Big5 (traditional Chinese from Taiwan or Hong Kong software) mostly decodes as GBK without
    // an error, as nonsense: refuse it when reading it as Big5 gives far more common characters.
    let (big5, _, big5_errors) = BIG5.decode(bytes);
    if !big5_errors && common(&big5) > 2 * common(&text) + 2 {
        return Err("looks like Big5 (traditional Chinese) text, which is not read; save it as UTF-8".into());
    }
    Ok(Decoded { text: text.into_owned(), encoding: "GB18030", form: Form::Gb18030 })
}

/// UTF-32 without a BOM: every 4-byte unit a code point below U+110000, with NUL bytes in each.
fn utf32_without_bom(bytes: &[u8]) -> bool {
    bytes.len() >= 8
        && bytes.len() % 4 == 0
        && (bytes.chunks_exact(4).all(|u| u[3] == 0 && u[2] <= 0x10) || bytes.chunks_exact(4).all(|u| u[0] == 0 && u[1] <= 0x10))
}

/// UTF-16 without a BOM, little- or big-endian: many NUL bytes at odd (LE) or even (BE) offsets, none at the others.
fn utf16_without_bom(bytes: &[u8]) -> Option<(&'static encoding_rs::Encoding, &'static str, Form)> {
    if bytes.len() < 8 || bytes.len() % 2 != 0 {
        return None;
    }
    let (mut even, mut odd) = (0usize, 0usize);
    for pair in bytes.chunks_exact(2) {
        even += usize::from(pair[0] == 0);
        odd += usize::from(pair[1] == 0);
    }
    let many = bytes.len() / 16;
    match (even, odd) {
        (0, n) if n > many => Some((UTF_16LE, "UTF-16LE", Form::Utf16Le { bom: false })),
        (n, 0) if n > many => Some((UTF_16BE, "UTF-16BE", Form::Utf16Be { bom: false })),
        _ => None,
    }
}

/// How many of the text's characters are among the commonest of annual reports, in simplified or
/// traditional script.
fn common(text: &str) -> usize {
    const COMMON: &str = "的年度报報告政府信息資訊公开開工作情况況申请請依法本机關关部门門一二三和及在了是为為不有中行人";
    text.chars().filter(|c| COMMON.contains(*c)).count()
}

/// `text` in `form`: what a rewrite of a file read as `form` is made of.
pub fn encode(text: &str, form: Form) -> Vec<u8> {
    match form {
        Form::Utf8 { bom } => {
            let mut out = Vec::with_capacity(text.len() + 3);
            if bom {
                out.extend_from_slice(b"\xEF\xBB\xBF");
            }
            out.extend_from_slice(text.as_bytes());
            out
        }
        Form::Utf16Le { bom } => bom.then_some(0xFEFFu16).into_iter().chain(text.encode_utf16()).flat_map(u16::to_le_bytes).collect(),
        Form::Utf16Be { bom } => bom.then_some(0xFEFFu16).into_iter().chain(text.encode_utf16()).flat_map(u16::to_be_bytes).collect(),
        // GB18030 encodes every Unicode character, so nothing is lost.
        Form::Gb18030 => GB18030.encode(text).0.into_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encodings() {
        assert_eq!(decode("报告".as_bytes()).unwrap().text, "报告");
        let d = decode(b"\xEF\xBB\xBF\xE6\x8A\xA5").unwrap();
        assert_eq!((d.text.as_str(), d.encoding), ("报", "UTF-8"));
        // 报告 in GBK
        let d = decode(b"\xB1\xA8\xB8\xE6").unwrap();
        assert_eq!((d.text.as_str(), d.encoding), ("报告", "GB18030"));
        let d = decode(b"\xFF\xFE\xa5\x62").unwrap();
        assert_eq!((d.text.as_str(), d.encoding), ("报", "UTF-16LE"));
        assert!(decode(b"PK\x03\x04\xff\xff").unwrap_err().contains(".docx"));
        assert!(decode(b"\xD0\xCF\x11\xE0\xff").unwrap_err().contains(".doc"));
        assert!(decode(b"\x81\x20\xff").is_err());
    }

    #[test]
    fn big5_and_utf32_are_refused_by_name() {
        let report = "某某市政府信息公開工作年度報告\n一、總體情況\n本年度依法公開政府資訊，辦理申請。\n";
        let big5 = BIG5.encode(report).0.into_owned();
        assert!(decode(&big5).unwrap_err().contains("Big5"));
        // The same text in GBK is still read.
        let gbk = GB18030.encode(report).0.into_owned();
        assert_eq!(decode(&gbk).unwrap().text, report);
        let le: Vec<u8> = "\u{FEFF}报告".chars().flat_map(|c| u32::from(c).to_le_bytes()).collect();
        let be: Vec<u8> = "报告年度".chars().flat_map(|c| u32::from(c).to_be_bytes()).collect();
        assert!(decode(&le).unwrap_err().contains("UTF-32"));
        assert!(decode(&be).unwrap_err().contains("UTF-32"));
    }

    #[test]
    fn encode_gives_back_the_bytes_read() {
        let text = "<p>2022年报告</p>\r\n第二行";
        let forms = [Form::Utf16Le { bom: true }, Form::Utf16Be { bom: true }, Form::Utf16Le { bom: false }, Form::Utf16Be { bom: false }];
        for form in [Form::Utf8 { bom: true }, Form::Utf8 { bom: false }, Form::Gb18030].into_iter().chain(forms) {
            let bytes = encode(text, form);
            let d = decode(&bytes).unwrap();
            assert_eq!((d.text.as_str(), d.form), (text, form));
        }
    }
}
