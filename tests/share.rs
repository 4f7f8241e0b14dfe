//! Share links, lessons and model files: what goes out comes back, a link reproduces a run, and
//! anything tampered with gets a message (never a panic).

use ganplay::config::LossKind;
use ganplay::lesson::{self, Lesson, LessonStep};
use ganplay::link::{self, Link, Panel};
use ganplay::{BackendKind, Config, DatasetKind, SnapshotRequest, Trainer, device, history, model_file, plot};
use rand::{RngExt, SeedableRng};

fn block<T>(f: impl std::future::Future<Output = T>) -> T {
    futures_lite::future::block_on(f)
}

fn losses_at(config: &Config, iterations: usize) -> (Option<f32>, Option<f32>) {
    let mut t = Trainer::new(config.clone(), &device::cpu()).unwrap();
    t.train(iterations);
    let s = t.snapshot_blocking(SnapshotRequest::losses()).unwrap();
    (s.d_loss, s.g_loss)
}

fn custom_lesson() -> Lesson {
    Lesson {
        v: 1,
        title: "Small batches".into(),
        hide: vec![Panel::Theory],
        steps: vec![
            LessonStep { text: "Batch 8: noisy.".into(), setup: Some("batch=8&dataset=spiral".into()), play: Some(true) },
            LessonStep { text: "Now pause & look — ∂D/∂x.".into(), setup: None, play: Some(false) },
        ],
    }
}

fn share_link() -> Link {
    let mut config = Config::ganlab(DatasetKind::TwoMoons);
    config.loss = LossKind::LeastSquares;
    config.seed = 99;
    config.discriminator.optimizer.lr = 0.05;
    Link { config, stop: Some(120), backend: Some(BackendKind::Cpu), play: Some(false), hide: vec![Panel::Settings, Panel::Steps], lesson: Some(custom_lesson()) }
}

#[test]
fn a_share_link_carries_configuration_seed_stop_and_lesson() {
    let link = share_link();
    let q = link.to_query();
    assert!(q.starts_with("v=1&"), "{q}");
    assert_eq!(Link::parse(&q).unwrap(), link);
    assert_eq!(Link::parse(&format!("#{q}")).unwrap(), link);
    // A plain configuration link (no v) is a format-1 link too: old links keep working.
    let old = Link::parse("dataset=ring&d_lr=0.05").unwrap();
    assert_eq!((old.config.discriminator.optimizer.lr, old.stop), (0.05, None));
}

#[test]
fn a_link_from_a_newer_version_says_so() {
    let e = Link::parse("v=2&dataset=ring").unwrap_err().to_string();
    assert!(e.contains("newer ganplay"), "{e}");
}

#[test]
fn a_link_made_at_step_n_reproduces_the_losses_at_step_n_bit_for_bit() {
    let sender = share_link();
    let n = sender.stop.unwrap() as usize;
    let sent = losses_at(&sender.config, n);
    let received = Link::parse(&sender.to_query()).unwrap();
    assert_eq!(losses_at(&received.config, received.stop.unwrap() as usize), sent);
}

#[test]
fn every_lesson_loads_and_each_step_sets_a_valid_configuration() {
    let lessons = lesson::builtin();
    assert_eq!(lessons.len(), 3);
    for (name, lesson) in lessons {
        lesson.check().unwrap();
        assert_eq!(lesson.encode(), name, "built-ins travel by name");
        assert_eq!(Lesson::decode(name).unwrap(), lesson);
        let link = Link { lesson: Some(lesson.clone()), ..Link::default() };
        assert_eq!(Link::parse(&link.to_query()).unwrap().lesson, Some(lesson.clone()));
        assert!(lesson.steps[0].setup.is_some(), "{name} sets up its first step");
        for step in &lesson.steps {
            if let Some(setup) = &step.setup {
                link::from_query(setup).unwrap();
            }
        }
    }
    let custom = custom_lesson();
    let encoded = custom.encode();
    assert!(encoded.starts_with('~'));
    assert_eq!(Lesson::decode(&encoded).unwrap(), custom);
    assert!(Lesson::decode("no-such-lesson").unwrap_err().contains("what-d-sees"));
}

#[test]
fn export_then_import_continues_training_from_the_same_weights() {
    let config = Config::default();
    let mut t = Trainer::new(config.clone(), &device::cpu()).unwrap();
    t.train(200);
    let weights = block(t.weights().read()).unwrap();
    let file = model_file::to_json(&config, t.iteration(), &weights);
    let model = model_file::from_json(file.as_bytes()).unwrap();
    assert_eq!((model.config.clone(), model.iteration), (config, 200));
    let mut resumed = Trainer::from_weights(model.config, &device::cpu(), &model.weights, model.iteration).unwrap();
    t.train(1);
    resumed.train(1);
    let (a, b) = (t.snapshot_blocking(SnapshotRequest::losses()).unwrap(), resumed.snapshot_blocking(SnapshotRequest::losses()).unwrap());
    assert_eq!(b.iteration, 201, "the count goes on");
    // The weights are the same; the noise after an import starts from the seed, so the losses
    // continue from where training was (not from a fresh start) without being bit-identical.
    let fresh = losses_at(&Config::default(), 1);
    let gap = |x: Option<f32>, y: Option<f32>| (x.unwrap() - y.unwrap()).abs();
    assert!(gap(a.d_loss, b.d_loss) < gap(fresh.0, b.d_loss), "resumed {b:?} is nearer the trained run {a:?} than a fresh start {fresh:?}");
}

/// Damages `text` the ways links and files get damaged: cut short, a byte changed, a piece
/// dropped or repeated, a value swapped for junk.
fn corrupt(text: &str, rng: &mut ganplay::Rng) -> Vec<u8> {
    let mut bytes = text.as_bytes().to_vec();
    for _ in 0..rng.random_range(1..4) {
        if bytes.is_empty() {
            break;
        }
        let i = rng.random_range(0..bytes.len());
        match rng.random_range(0..6) {
            0 => bytes.truncate(i),
            1 => bytes[i] = rng.random(),
            2 => {
                let j = rng.random_range(i..bytes.len().min(i + 20) + 1).min(bytes.len());
                bytes.drain(i..j);
            }
            3 => {
                let piece: Vec<u8> = bytes[i..bytes.len().min(i + 30)].to_vec();
                bytes.splice(i..i, piece);
            }
            4 => {
                let junk = ["NaN", "-1", "1e999", "\"", "%", "%zz", "&", "=", "99999999999999999999", "[]", "{", "\u{0}", "~"][rng.random_range(0..13)];
                bytes.splice(i..i, junk.bytes());
            }
            _ => bytes[i] = b"0123456789,.&=-e"[rng.random_range(0..16)],
        }
    }
    bytes
}

#[test]
fn a_thousand_damaged_links_each_get_a_message_or_a_valid_setup() {
    let mut rng = ganplay::Rng::seed_from_u64(7);
    let good = share_link().to_query();
    let (mut refused, mut accepted) = (0, 0);
    for _ in 0..1000 {
        let damaged = String::from_utf8_lossy(&corrupt(&good, &mut rng)).into_owned();
        match Link::parse(&damaged) {
            Ok(link) => {
                link.config.validate().unwrap();
                accepted += 1;
            }
            Err(e) => {
                assert!(!e.to_string().is_empty());
                refused += 1;
            }
        }
    }
    assert!(refused > 300, "most damage is caught ({refused} refused, {accepted} accepted)");
}

#[test]
fn a_thousand_damaged_model_files_each_get_a_message_or_load() {
    let config = Config::default();
    let t = Trainer::new(config.clone(), &device::cpu()).unwrap();
    let good = model_file::to_json(&config, 0, &block(t.weights().read()).unwrap());
    let mut rng = ganplay::Rng::seed_from_u64(8);
    let mut refused = 0;
    for _ in 0..1000 {
        match model_file::from_json(&corrupt(&good, &mut rng)) {
            Ok(m) => {
                // Whatever loads can be trained on.
                Trainer::from_weights(m.config, &device::cpu(), &m.weights, m.iteration).unwrap();
            }
            Err(e) => {
                assert!(!e.is_empty());
                refused += 1;
            }
        }
    }
    assert!(refused > 500, "{refused}");
    let newer = good.replace("\"version\":1", "\"version\":2");
    assert!(model_file::from_json(newer.as_bytes()).unwrap_err().contains("newer ganplay"));
    assert!(model_file::from_json(b"\x89PNG....").unwrap_err().contains("not a ganplay model"));
    assert!(model_file::from_json(&vec![b' '; model_file::MAX_BYTES + 1]).unwrap_err().contains("too large"));
}

#[test]
fn the_history_exports_as_csv_and_the_samples_as_png() {
    let mut t = Trainer::new(Config::default(), &device::cpu()).unwrap();
    t.train(3);
    let s = t.snapshot_blocking(SnapshotRequest { metrics: true, ..Default::default() }).unwrap();
    let csv = history::to_csv(&[history::HistoryPoint::of(&s)]);
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(lines[0], "iteration,d_loss,g_loss,js_bits,kl_bits,modes_covered");
    assert!(lines[1].starts_with("3,"));
    assert_eq!(lines[1].split(',').count(), 6);
    let png = plot::png(&s.real, s.generated.as_deref().unwrap()).unwrap();
    let img = image::load_from_memory(&png).unwrap();
    assert_eq!((img.width(), img.height()), (plot::SIZE, plot::SIZE));
}
