//! Reading report files as drafters have them: UTF-8 (with or without BOM),
//! UTF-16 with BOM, or GB18030/GBK from Chinese office software.

use encoding_rs::{GB18030, UTF_16BE, UTF_16LE};

/// The decoded text and the encoding it was in (named in `--format json` as `encoding`).
#[derive(Debug)]
pub struct Decoded {
    pub text: String,
    pub encoding: &'static str,
}

/// Decode `bytes`; a BOM is dropped. Fails when the bytes are neither UTF-8 nor GB18030.
pub fn decode(bytes: &[u8]) -> Result<Decoded, String> {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return std::str::from_utf8(rest)
            .map(|t| Decoded { text: t.to_string(), encoding: "UTF-8" })
            .map_err(|e| format!("starts with a UTF-8 BOM but is not valid UTF-8 at byte {}; save it as UTF-8 again", e.valid_up_to() + 3));
    }
    for (bom, enc, name) in [(&b"\xFF\xFE"[..], UTF_16LE, "UTF-16LE"), (&b"\xFE\xFF"[..], UTF_16BE, "UTF-16BE")] {
        if bytes.starts_with(bom) {
            let (text, had_errors) = enc.decode_with_bom_removal(bytes);
            if had_errors {
                return Err(format!("starts with a {name} BOM but is not valid {name}; save it as UTF-8"));
            }
            return Ok(Decoded { text: text.into_owned(), encoding: name });
        }
    }
    if let Ok(t) = std::str::from_utf8(bytes) {
        return Ok(Decoded { text: t.to_string(), encoding: "UTF-8" });
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
    Ok(Decoded { text: text.into_owned(), encoding: "GB18030" })
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
}
