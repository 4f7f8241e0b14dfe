//! The configuration as a link: `key=value` pairs (a URL's query or hash), readable and
//! editable by hand, e.g. `preset=ganlab-ring&d_lr=0.05&loss=minimax`.
//!
//! [`to_query`] writes every field that differs from the default; [`from_query`] starts from
//! the default (or the `preset`) and applies each pair, refusing unknown keys and bad values
//! with a message that names the key. The result always passes [`Config::validate`].
//!
//! A share link ([`Link`]) adds what reproduces a run: the format version `v`, the iteration
//! to `stop` at, the `backend`, whether to `play`, panels to `hide`, and a `lesson`.

use serde::{Deserialize, Serialize};

use crate::config::{Activation, Config, ConfigError, GeneratorOutput, LossKind, NoiseKind, OptimizerKind, from_name, name_of};
use crate::data::DatasetKind;
use crate::device::BackendKind;
use crate::lesson::Lesson;

/// The link format this page writes; links without `v` are format 1 too.
pub const VERSION: u32 = 1;

/// Parts of the page a link or a lesson can hide.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Panel {
    /// The hyperparameter settings.
    Settings,
    /// The loss, histogram and metrics charts.
    Charts,
    /// The theory cards.
    Theory,
    /// The slow-motion controls.
    SlowMotion,
    /// The single-step buttons (step, D only, G only).
    Steps,
    /// The backend switch.
    Backend,
}

impl Panel {
    pub const ALL: [Panel; 6] = [Panel::Settings, Panel::Charts, Panel::Theory, Panel::SlowMotion, Panel::Steps, Panel::Backend];
}

/// Everything a share link says.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Link {
    pub config: Config,
    /// Train up to this iteration, then pause.
    pub stop: Option<u64>,
    /// Run on this backend (and stay there): `cpu` makes a run bit-for-bit reproducible.
    pub backend: Option<BackendKind>,
    /// Start playing (true) or paused (false).
    pub play: Option<bool>,
    pub hide: Vec<Panel>,
    pub lesson: Option<Lesson>,
}

/// Keys of a share link that are not configuration.
const LINK_KEYS: [&str; 6] = ["v", "stop", "backend", "play", "hide", "lesson"];

impl Link {
    /// Reads a share link (or a plain configuration link). A link from a newer ganplay is
    /// refused with a message saying so.
    pub fn parse(query: &str) -> Result<Link, ConfigError> {
        let query = query.trim_start_matches(['?', '#']);
        if query.len() > MAX_QUERY_LEN {
            return Err(ConfigError::new("link", format!("longer than {MAX_QUERY_LEN} characters")));
        }
        let mut link = Link::default();
        let mut config_pairs = Vec::new();
        for (key, v) in pairs(query) {
            match key {
                "v" => {
                    let v: u32 = number(key, &v)?;
                    if v > VERSION {
                        return Err(ConfigError::new(
                            "v",
                            format!("this link was made by a newer ganplay (link format {v}); this page reads format {VERSION}"),
                        ));
                    }
                }
                "stop" => link.stop = Some(number(key, &v)?),
                "backend" => {
                    link.backend = Some(match v.as_str() {
                        "cpu" => BackendKind::Cpu,
                        "webgpu" | "wgpu" => BackendKind::Wgpu,
                        _ => return Err(ConfigError::new(key, format!("unknown backend {v:?} (cpu or webgpu)"))),
                    })
                }
                "play" => link.play = Some(v == "1" || v == "true"),
                "hide" => {
                    link.hide = v.split(',').filter(|p| !p.is_empty()).map(|p| parse_kebab(key, p)).collect::<Result<_, _>>()?
                }
                "lesson" => link.lesson = Some(Lesson::decode(&v).map_err(|e| ConfigError::new(key, e))?),
                _ => config_pairs.push((key, v)),
            }
        }
        link.config = config_from_pairs(&config_pairs)?;
        Ok(link)
    }

    /// The link's query: `v=1`, the configuration, then the run options.
    pub fn to_query(&self) -> String {
        let mut out = vec![format!("v={VERSION}")];
        let config = to_query(&self.config);
        if !config.is_empty() {
            out.push(config);
        }
        if let Some(stop) = self.stop {
            out.push(format!("stop={stop}"));
        }
        if let Some(b) = self.backend {
            out.push(format!("backend={}", if b == BackendKind::Cpu { "cpu" } else { "webgpu" }));
        }
        if let Some(play) = self.play {
            out.push(format!("play={}", u8::from(play)));
        }
        if !self.hide.is_empty() {
            out.push(format!("hide={}", self.hide.iter().map(name_of).collect::<Vec<_>>().join(",")));
        }
        if let Some(lesson) = &self.lesson {
            out.push(format!("lesson={}", encode(&lesson.encode())));
        }
        out.join("&")
    }
}

/// `(key, decoded value)` for each `key=value` of a query.
fn pairs(query: &str) -> impl Iterator<Item = (&str, String)> {
    query.split('&').filter(|p| !p.is_empty()).map(|p| {
        let (k, v) = p.split_once('=').unwrap_or((p, ""));
        (k, decode(v))
    })
}

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

/// Reads a configuration from `key=value&...` (a leading `?` or `#` is skipped). The keys of
/// a share link other than the configuration's are refused.
pub fn from_query(query: &str) -> Result<Config, ConfigError> {
    let query = query.trim_start_matches(['?', '#']);
    if query.len() > MAX_QUERY_LEN {
        return Err(ConfigError::new("link", format!("longer than {MAX_QUERY_LEN} characters")));
    }
    let pairs: Vec<(&str, String)> = pairs(query).collect();
    if let Some((key, _)) = pairs.iter().find(|(k, _)| LINK_KEYS.contains(k)) {
        return Err(ConfigError::new(*key, "is not a setting"));
    }
    config_from_pairs(&pairs)
}

fn config_from_pairs(pairs: &[(&str, String)]) -> Result<Config, ConfigError> {
    let mut c = match pairs.iter().find(|(k, _)| *k == "preset") {
        Some((_, name)) => preset(name).ok_or_else(|| ConfigError::new("preset", format!("unknown preset {name:?}")))?,
        None => Config::default(),
    };
    for (key, v) in pairs {
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
