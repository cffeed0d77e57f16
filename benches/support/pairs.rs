//! Generated revision pairs shared by the compare and carry benchmarks.

use gloss::store::Document;

/// A small deterministic generator (xorshift), so every run measures the same texts.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Self(seed.max(1))
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }
}

const WORDS: &str = "государства члены рабочая группа доклад сессия развитие сотрудничество цифровой технологий \
международного безопасности информационно-коммуникационных рекомендует подчеркивает приветствует отмечает просит \
секретариат председатель делегации участники консультации осуществление потенциала укрепление инфраструктуры \
программы деятельности организации объединенных наций генеральной ассамблеи резолюции принятой соответствии \
мандатом региональных национальных стратегий финансирования ресурсов добровольной основе доступа широкополосной \
связи образования здравоохранения устойчивого экономического социального неравенства сельских районах";

/// A paragraph of 40–120 words.
fn paragraph(rng: &mut Rng) -> String {
    let words: Vec<&str> = WORDS.split_whitespace().collect();
    let n = 40 + rng.below(80);
    let mut out = String::new();
    for i in 0..n {
        if i > 0 {
            out.push(if rng.below(12) == 0 { ',' } else { ' ' });
            if out.ends_with(',') {
                out.push(' ');
            }
        }
        out.push_str(words[rng.below(words.len())]);
    }
    out.push('.');
    let mut chars = out.chars();
    chars.next().map(|c| c.to_uppercase().collect::<String>() + chars.as_str()).unwrap_or(out)
}

/// Old and new paragraph lists: ~10% edited, ~1% moved, ~1% deleted, ~1% inserted.
pub fn revision(target_bytes: usize, seed: u64) -> (Vec<String>, Vec<String>) {
    let mut rng = Rng::new(seed);
    let mut old = Vec::new();
    let mut size = 0;
    while size < target_bytes {
        let p = paragraph(&mut rng);
        size += p.len() + 8;
        old.push(p);
    }
    let mut new: Vec<String> = Vec::with_capacity(old.len());
    let mut moved = Vec::new();
    for p in &old {
        match rng.below(100) {
            0 => {}                     // deleted
            1 => moved.push(p.clone()), // moved further down
            2 => {
                new.push(p.clone());
                new.push(paragraph(&mut rng)); // inserted after
            }
            3..=12 => {
                let mut words: Vec<String> = p.split(' ').map(str::to_string).collect();
                for _ in 0..1 + rng.below(3) {
                    let i = rng.below(words.len());
                    words[i] = "пересмотренный".to_string();
                }
                new.push(words.join(" "));
            }
            _ => new.push(p.clone()),
        }
        if !moved.is_empty() && rng.below(50) == 0 {
            new.push(moved.remove(0));
        }
    }
    new.extend(moved);
    (old, new)
}

/// Numbered paragraphs as one-paragraph-per-line text, then read as a document.
pub fn document(paragraphs: &[String]) -> Document {
    let text: String = paragraphs.iter().enumerate().map(|(i, p)| format!("{}. {}\n", i + 1, p)).collect();
    gloss::ingest::document_from_bytes("generated.txt", text.as_bytes(), Default::default()).expect("generated text reads")
}
