//! Bad settings are refused with a message naming the field and its range.

use ganplay::{Config, DatasetKind, Trainer, device};

fn refused(edit: impl FnOnce(&mut Config)) -> String {
    let mut c = Config::default();
    edit(&mut c);
    let err = c.validate().expect_err("should be refused");
    let shown = err.to_string();
    assert!(Trainer::new(c, &device::cpu()).is_err(), "the trainer refuses it too");
    shown
}

#[test]
fn negative_learning_rate_names_the_field_and_range() {
    let msg = refused(|c| c.discriminator.optimizer.lr = -0.1);
    assert!(msg.starts_with("discriminator.optimizer.lr:"), "{msg}");
    assert!(msg.contains("greater than 0 and at most 10") && msg.contains("-0.1"), "{msg}");
}

#[test]
fn huge_and_nan_learning_rates_are_refused() {
    assert!(refused(|c| c.generator.optimizer.lr = 1e9).starts_with("generator.optimizer.lr:"));
    assert!(refused(|c| c.generator.optimizer.lr = f64::NAN).contains("NaN"));
}

#[test]
fn zero_neurons_names_the_layer() {
    let msg = refused(|c| c.generator.hidden = vec![10, 0]);
    assert_eq!(msg, "generator.hidden[1]: must be from 1 to 128, got 0");
}

#[test]
fn too_many_layers_batch_and_noise_are_refused() {
    assert!(refused(|c| c.discriminator.hidden = vec![4; 7]).contains("from 0 to 6 hidden layers"));
    assert_eq!(refused(|c| c.batch_size = 10_000_000), "batch_size: must be from 1 to 1024, got 10000000");
    assert_eq!(refused(|c| c.noise.dim = 0), "noise.dim: must be from 1 to 16, got 0");
    assert!(refused(|c| c.discriminator.optimizer.beta2 = 1.0).starts_with("discriminator.optimizer.beta2:"));
    assert!(refused(|c| c.gp_lambda = f64::INFINITY).starts_with("gp_lambda:"));
    assert!(refused(|c| {
        c.d_steps = 0;
        c.g_steps = 0
    })
    .contains("cannot both be 0"));
}

#[test]
fn drawn_dataset_needs_finite_points() {
    assert!(refused(|c| c.dataset = DatasetKind::Drawn).starts_with("drawn_points:"));
    assert!(refused(|c| {
        c.dataset = DatasetKind::Drawn;
        c.drawn_points = vec![[0.5, f32::NAN]];
    })
    .contains("NaN"));
}

#[test]
fn a_config_file_with_an_unknown_or_mistyped_field_is_refused() {
    assert!(serde_json::from_str::<Config>(r#"{"batch_sise": 10}"#).is_err());
    assert!(serde_json::from_str::<Config>(r#"{"batch_size": -3}"#).is_err());
    let c: Config = serde_json::from_str(r#"{"dataset": "eight-gaussians", "batch_size": 64}"#).unwrap();
    assert_eq!((c.dataset, c.batch_size, c.d_steps), (DatasetKind::EightGaussians, 64, 3));
}

#[test]
fn set_config_refuses_bad_values_and_keeps_the_old_ones() {
    let mut t = Trainer::new(Config::default(), &device::cpu()).unwrap();
    let mut bad = Config::default();
    bad.batch_size = 0;
    assert!(t.set_config(bad).is_err());
    assert_eq!(t.config(), &Config::default());
}
