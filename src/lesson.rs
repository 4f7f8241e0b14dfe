//! Lessons: a short narrative of numbered steps shown beside the page, each able to set the
//! configuration, start or pause training, and hide what would distract. Three ship with
//! ganplay; anyone can write one as JSON and share it as a link (`lesson=~` + base64url).

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use serde::{Deserialize, Serialize};

use crate::link::{self, Panel};

/// The lesson format this page writes and reads.
pub const VERSION: u32 = 1;
/// Longest encoded lesson accepted in a link.
pub const MAX_ENCODED_LEN: usize = 20_000;
const MAX_STEPS: usize = 20;
const MAX_TEXT: usize = 2_000;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Lesson {
    /// The format version; absent means 1.
    #[serde(default = "one")]
    pub v: u32,
    pub title: String,
    pub steps: Vec<LessonStep>,
    /// Panels and controls the lesson hides.
    #[serde(default)]
    pub hide: Vec<Panel>,
}

fn one() -> u32 {
    1
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LessonStep {
    pub text: String,
    /// A configuration link (`dataset=...&loss=...`) applied when the step opens; the run
    /// restarts from the seed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub setup: Option<String>,
    /// Play (true) or pause (false) when the step opens; unchanged when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub play: Option<bool>,
}

impl Lesson {
    /// Refuses a lesson a page could not show: no steps, too many or too long, a setup that
    /// is not a valid configuration link, a newer format.
    pub fn check(&self) -> Result<(), String> {
        if self.v > VERSION {
            return Err(format!("this lesson was made by a newer ganplay (format {}); this page reads format {VERSION}", self.v));
        }
        if self.steps.is_empty() || self.steps.len() > MAX_STEPS {
            return Err(format!("a lesson has 1 to {MAX_STEPS} steps, this one has {}", self.steps.len()));
        }
        if self.title.len() > 200 {
            return Err("the lesson's title is longer than 200 characters".into());
        }
        for (i, step) in self.steps.iter().enumerate() {
            if step.text.len() > MAX_TEXT {
                return Err(format!("step {} is longer than {MAX_TEXT} characters", i + 1));
            }
            if let Some(setup) = &step.setup {
                link::from_query(setup).map_err(|e| format!("step {}'s setup: {e}", i + 1))?;
            }
        }
        Ok(())
    }

    /// The lesson as a link value: a built-in's name, or `~` and base64url JSON.
    pub fn encode(&self) -> String {
        if let Some((name, _)) = builtin().into_iter().find(|(_, l)| l == self) {
            return name.to_string();
        }
        format!("~{}", URL_SAFE_NO_PAD.encode(serde_json::to_vec(self).expect("a lesson serialises")))
    }

    /// Reads a link value written by [`Lesson::encode`]; anything else gets a message.
    pub fn decode(value: &str) -> Result<Lesson, String> {
        let lesson = match value.strip_prefix('~') {
            None => builtin().into_iter().find(|(name, _)| *name == value).map(|(_, l)| l).ok_or_else(|| {
                let names: Vec<&str> = builtin().iter().map(|(n, _)| *n).collect();
                format!("there is no lesson called {value:?} (there are: {})", names.join(", "))
            })?,
            Some(data) => {
                if data.len() > MAX_ENCODED_LEN {
                    return Err(format!("the lesson is longer than {MAX_ENCODED_LEN} characters"));
                }
                let bytes = URL_SAFE_NO_PAD.decode(data).map_err(|_| "the lesson's text is damaged (not base64url)".to_string())?;
                serde_json::from_slice(&bytes).map_err(|e| format!("the lesson's text is damaged ({e})"))?
            }
        };
        lesson.check()?;
        Ok(lesson)
    }
}

fn step(text: &str, setup: Option<&str>, play: Option<bool>) -> LessonStep {
    LessonStep { text: text.into(), setup: setup.map(Into::into), play }
}

/// The lessons that ship with ganplay, by link name.
pub fn builtin() -> Vec<(&'static str, Lesson)> {
    vec![
        (
            "what-d-sees",
            Lesson {
                v: 1,
                title: "What the discriminator sees".into(),
                hide: vec![Panel::Settings],
                steps: vec![
                    step(
                        "This is GAN Lab's ring. Green points are real data; the others are the generator's fakes, coloured by \
                         D(x), the probability the discriminator gives them of being real. The background is D's opinion of every \
                         point of the plane. Press Play and watch D's opinion form.",
                        Some("preset=ganlab-ring"),
                        Some(false),
                    ),
                    step(
                        "Pause, then press \"D only\" a few times: only the discriminator learns. Its loss (the BCE card) falls \
                         and the background sharpens around the real ring, while the fakes stay where they are.",
                        None,
                        Some(false),
                    ),
                    step(
                        "Open the Information card and click a fake on the plane: its surprise, -log(1 - D(x)), is exactly the \
                         term it adds to D's loss in the BCE table. D learns by becoming less surprised by the truth.",
                        None,
                        None,
                    ),
                    step(
                        "Now play. As G improves, D(x) drifts toward ½ on both real and fake points (see the histogram): at the \
                         equilibrium D cannot tell, and its loss nears 2·log 2 ≈ 1.386.",
                        None,
                        Some(true),
                    ),
                ],
            },
        ),
        (
            "saturation",
            Lesson {
                v: 1,
                title: "Why G's loss saturates".into(),
                hide: vec![],
                steps: vec![
                    step(
                        "Here G uses the original minimax loss, log(1 - D(G(z))), against a discriminator that trains five times \
                         per generator step. D quickly rejects the fakes. Look at the min-max card: the push the minimax loss gives \
                         G is tiny, so G barely moves.",
                        Some("preset=ganlab-two-gaussians&loss=minimax&k_d=5&d_lr=0.1"),
                        Some(true),
                    ),
                    step(
                        "Same everything, but G now minimises -log D(G(z)), the non-saturating loss. Same fixed point, but it \
                         pushes hardest exactly when D(G(z)) is near 0: the fakes start moving at once.",
                        Some("preset=ganlab-two-gaussians&loss=non-saturating&k_d=5&d_lr=0.1"),
                        Some(true),
                    ),
                    step(
                        "Compare the G loss curves of the two runs: the minimax one lies flat near 0 while D wins; the \
                         non-saturating one starts high and falls as G learns.",
                        None,
                        None,
                    ),
                ],
            },
        ),
        (
            "mode-collapse",
            Lesson {
                v: 1,
                title: "Mode collapse".into(),
                hide: vec![],
                steps: vec![
                    step(
                        "Eight Gaussians on a ring: the classic test of mode collapse. With a high learning rate G tends to chase \
                         one or two modes at a time, hopping between them as D catches up. Watch \"modes covered\" in the metrics \
                         chart.",
                        Some("dataset=eight-gaussians&loss=non-saturating&g_opt=adam&d_opt=adam&g_lr=0.01&d_lr=0.01&g_layers=64,64&d_layers=64,64&noise_dim=2&batch=256&k_d=1"),
                        Some(true),
                    ),
                    step(
                        "A lower learning rate lets D and G move together, and G spreads over more modes.",
                        Some("dataset=eight-gaussians&loss=non-saturating&g_opt=adam&d_opt=adam&g_lr=0.001&d_lr=0.001&g_layers=64,64&d_layers=64,64&noise_dim=2&batch=256&k_d=1"),
                        Some(true),
                    ),
                    step(
                        "WGAN-GP replaces D's probability with a critic score and penalises steep critics. Its gradients do not \
                         vanish far from the data, so a mode G has missed still pulls on it.",
                        Some("dataset=eight-gaussians&loss=wasserstein-gp&g_opt=adam&d_opt=adam&g_lr=0.001&d_lr=0.001&g_b1=0.5&d_b1=0.5&g_layers=64,64&d_layers=64,64&noise_dim=2&batch=256&k_d=5"),
                        Some(true),
                    ),
                ],
            },
        ),
    ]
}
