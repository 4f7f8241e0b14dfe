//! The configuration as a link: `key=value` pairs (a URL's query or hash), readable and
//! editable by hand, e.g. `preset=ganlab-ring&lr_d=0.05&loss=minimax`.
//!
//! [`to_query`] writes every field that differs from the default; [`from_query`] starts from
//! the default (or the `preset`) and applies each pair, refusing unknown keys and bad values
//! with a message that names the key. The result always passes [`Config::validate`].

use crate::config::{Activation, Config, ConfigError, GeneratorOutput, LossKind, NoiseKind, OptimizerKind, from_name, name_of};
use crate::data::DatasetKind;

/// Longest query accepted (a drawing of many points is the longest legitimate one).
pub const MAX_QUERY_LEN: usize = 100_000;

/// A named starting configuration.
pub fn preset(name: &str) -> Option<Config> {
    let dataset = name.strip_prefix("ganlab-")?;
    let kind = DatasetKind::ALL.into_iter().find(|k| name_of(k) == dataset)?;
    Some(Config::ganlab(kind))
}

/// Every preset name, one per dataset: `ganlab-ring`, `ganlab-line`, ...
pub fn preset_names() -> Vec<String> {
    DatasetKind::ALL.iter().filter(|k| **k != DatasetKind::Drawn).map(|k| format!("ganlab-{}", name_of(k))).collect()
}

fn parse_kebab<T: serde::de::DeserializeOwned>(key: &str, v: &str) -> Result<T, ConfigError> {
    from_name(v).ok_or_else(|| ConfigError::new(key, format!("unknown value {v:?}")))
}

fn number<T: std::str::FromStr>(key: &str, v: &str) -> Result<T, ConfigError> {
    v.parse().map_err(|_| ConfigError::new(key, format!("{v:?} is not a number")))
}

fn layers(key: &str, v: &str) -> Result<Vec<usize>, ConfigError> {
    if v.is_empty() {
        return Ok(Vec::new());
    }
    if v.len() > 64 {
        return Err(ConfigError::new(key, "too long"));
    }
    v.split(',').map(|n| number(key, n)).collect()
}

fn points(v: &str) -> Result<Vec<[f32; 2]>, ConfigError> {
    if v.is_empty() {
        return Ok(Vec::new());
    }
    let coords: Vec<f32> = v.split(',').map(|n| number::<f32>("points", n)).collect::<Result<_, _>>()?;
    if !coords.len().is_multiple_of(2) {
        return Err(ConfigError::new("points", "needs an even number of coordinates"));
    }
    Ok(coords.chunks_exact(2).map(|p| [p[0], p[1]]).collect())
}

/// Reads a configuration from `key=value&...` (a leading `?` or `#` is skipped).
pub fn from_query(query: &str) -> Result<Config, ConfigError> {
    let query = query.trim_start_matches(['?', '#']);
    if query.len() > MAX_QUERY_LEN {
        return Err(ConfigError::new("link", format!("longer than {MAX_QUERY_LEN} characters")));
    }
    let pairs: Vec<(&str, String)> = query
        .split('&')
        .filter(|p| !p.is_empty())
        .map(|p| {
            let (k, v) = p.split_once('=').unwrap_or((p, ""));
            (k, decode(v))
        })
        .collect();
    let mut c = match pairs.iter().find(|(k, _)| *k == "preset") {
        Some((_, name)) => preset(name).ok_or_else(|| ConfigError::new("preset", format!("unknown preset {name:?}")))?,
        None => Config::default(),
    };
    for (key, v) in &pairs {
        let v = v.as_str();
        match *key {
            "preset" => {}
            "dataset" => c.dataset = parse_kebab(key, v)?,
            "points" => c.drawn_points = points(v)?,
            "noise" => c.noise.kind = parse_kebab::<NoiseKind>(key, v)?,
            "noise_dim" => c.noise.dim = number(key, v)?,
            "g_out" => c.generator_output = parse_kebab::<GeneratorOutput>(key, v)?,
            "loss" => c.loss = parse_kebab::<LossKind>(key, v)?,
            "gp" => c.gp_lambda = number(key, v)?,
            "k_d" => c.d_steps = number(key, v)?,
            "k_g" => c.g_steps = number(key, v)?,
            "batch" => c.batch_size = number(key, v)?,
            "seed" => c.seed = number(key, v)?,
            _ => {
                let (prefix, field) = key.split_at(key.find('_').map_or(0, |i| i + 1));
                let g = match prefix {
                    "g_" => true,
                    "d_" => false,
                    _ => return Err(ConfigError::new(*key, "unknown setting")),
                };
                let n = if g { &mut c.generator } else { &mut c.discriminator };
                match field {
                    "layers" => n.hidden = layers(key, v)?,
                    "act" => n.activation = parse_kebab::<Activation>(key, v)?,
                    "opt" => n.optimizer.kind = parse_kebab::<OptimizerKind>(key, v)?,
                    "lr" => n.optimizer.lr = number(key, v)?,
                    "b1" => n.optimizer.beta1 = number(key, v)?,
                    "b2" => n.optimizer.beta2 = number(key, v)?,
                    _ => return Err(ConfigError::new(*key, "unknown setting")),
                }
            }
        }
    }
    c.validate()?;
    Ok(c)
}

/// Writes `config` as `key=value&...`, only the fields that differ from the default.
pub fn to_query(config: &Config) -> String {
    let base = Config::default();
    let mut out: Vec<String> = Vec::new();
    let mut put = |k: &str, v: String| out.push(format!("{k}={}", encode(&v)));
    if config.dataset != base.dataset {
        put("dataset", name_of(&config.dataset));
    }
    if !config.drawn_points.is_empty() {
        put("points", config.drawn_points.iter().map(|p| format!("{:.3},{:.3}", p[0], p[1])).collect::<Vec<_>>().join(","));
    }
    if config.noise.kind != base.noise.kind {
        put("noise", name_of(&config.noise.kind));
    }
    if config.noise.dim != base.noise.dim {
        put("noise_dim", config.noise.dim.to_string());
    }
    for (p, n, b) in [("g_", &config.generator, &base.generator), ("d_", &config.discriminator, &base.discriminator)] {
        if n.hidden != b.hidden {
            put(&format!("{p}layers"), n.hidden.iter().map(usize::to_string).collect::<Vec<_>>().join(","));
        }
        if n.activation != b.activation {
            put(&format!("{p}act"), name_of(&n.activation));
        }
        if n.optimizer.kind != b.optimizer.kind {
            put(&format!("{p}opt"), name_of(&n.optimizer.kind));
        }
        if n.optimizer.lr != b.optimizer.lr {
            put(&format!("{p}lr"), n.optimizer.lr.to_string());
        }
        if n.optimizer.beta1 != b.optimizer.beta1 {
            put(&format!("{p}b1"), n.optimizer.beta1.to_string());
        }
        if n.optimizer.beta2 != b.optimizer.beta2 {
            put(&format!("{p}b2"), n.optimizer.beta2.to_string());
        }
    }
    if config.generator_output != base.generator_output {
        put("g_out", name_of(&config.generator_output));
    }
    if config.loss != base.loss {
        put("loss", name_of(&config.loss));
    }
    if config.gp_lambda != base.gp_lambda {
        put("gp", config.gp_lambda.to_string());
    }
    if config.d_steps != base.d_steps {
        put("k_d", config.d_steps.to_string());
    }
    if config.g_steps != base.g_steps {
        put("k_g", config.g_steps.to_string());
    }
    if config.batch_size != base.batch_size {
        put("batch", config.batch_size.to_string());
    }
    if config.seed != base.seed {
        put("seed", config.seed.to_string());
    }
    out.join("&")
}

/// Percent-encodes what a query value cannot hold as it is.
fn encode(v: &str) -> String {
    v.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b',' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// Undoes [`encode`]; a malformed escape is kept as it is (and then refused as a value).
fn decode(v: &str) -> String {
    let bytes = v.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        if bytes[i] == b'%'
            && i + 2 < bytes.len()
            && let (Some(h), Some(l)) = (hex(bytes[i + 1]), hex(bytes[i + 2]))
        {
            out.push((h * 16 + l) as u8);
            i += 3;
        } else {
            out.push(if bytes[i] == b'+' { b' ' } else { bytes[i] });
            i += 1;
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}
