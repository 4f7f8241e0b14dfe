//! A link carries the whole configuration and brings it back; a tampered link is refused with
//! a message that names the key.

use ganplay::config::{Activation, LossKind, NoiseKind, OptimizerConfig};
use ganplay::{Config, DatasetKind, link};

#[test]
fn the_default_config_is_the_empty_link() {
    assert_eq!(link::to_query(&Config::default()), "");
    assert_eq!(link::from_query("").unwrap(), Config::default());
}

#[test]
fn every_field_survives_a_round_trip() {
    let mut c = Config::ganlab(DatasetKind::Drawn);
    c.drawn_points = vec![[0.25, 0.5], [0.75, 0.125]];
    c.noise.kind = NoiseKind::Gaussian;
    c.noise.dim = 5;
    c.generator.hidden = vec![32, 16, 8];
    c.generator.activation = Activation::Tanh;
    c.generator.optimizer = OptimizerConfig::adam(2e-4, 0.5, 0.99);
    c.discriminator.hidden = vec![];
    c.discriminator.activation = Activation::LeakyRelu;
    c.discriminator.optimizer.lr = 0.05;
    c.generator_output = ganplay::config::GeneratorOutput::Identity;
    c.loss = LossKind::WassersteinGp;
    c.gp_lambda = 5.0;
    c.d_steps = 5;
    c.g_steps = 2;
    c.batch_size = 64;
    c.seed = 1234567;
    let q = link::to_query(&c);
    assert_eq!(link::from_query(&q).unwrap(), c, "{q}");
    assert_eq!(link::from_query(&format!("#{q}")).unwrap(), c, "a hash works too");
}

#[test]
fn presets_open_ganlabs_models() {
    let ring = link::from_query("?preset=ganlab-ring").unwrap();
    assert_eq!(ring, Config::ganlab(DatasetKind::Ring));
    assert_eq!((ring.generator.hidden.clone(), ring.discriminator.hidden.clone()), (vec![10, 10], vec![9, 9, 9]));
    assert_eq!((ring.d_steps, ring.g_steps, ring.batch_size), (3, 1, 150));
    assert_eq!((ring.discriminator.optimizer.lr, ring.generator.optimizer.lr), (0.1, 0.03));
    for name in link::preset_names() {
        assert!(link::from_query(&format!("preset={name}")).is_ok(), "{name}");
    }
    let edited = link::from_query("preset=ganlab-line&d_lr=0.02").unwrap();
    assert_eq!((edited.dataset, edited.discriminator.optimizer.lr), (DatasetKind::Line, 0.02));
}

#[test]
fn tampered_links_name_the_key_and_never_panic() {
    let err = |q: &str| link::from_query(q).unwrap_err().to_string();
    assert_eq!(err("dataset=moon"), "dataset: unknown value \"moon\"");
    assert_eq!(err("d_lr=1e9"), "discriminator.optimizer.lr: must be greater than 0 and at most 10, got 1000000000");
    assert_eq!(err("batch=ten"), "batch: \"ten\" is not a number");
    assert_eq!(err("colour=red"), "colour: unknown setting");
    assert_eq!(err("preset=ganlab-moon"), "preset: unknown preset \"ganlab-moon\"");
    assert!(err("g_layers=4,4,4,4,4,4,4").starts_with("generator.hidden"));
    assert!(err("dataset=drawn&points=0.1").starts_with("points:"));
    assert!(err(&"seed=1&".repeat(20_000)).starts_with("link:"));
    // Random bytes: always an answer, never a panic.
    let mut x: u64 = 0x2545_f491_4f6c_dd1d;
    for _ in 0..1000 {
        let len = (x % 60) as usize;
        let q: String = (0..len)
            .map(|_| {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                const ALPHABET: &[u8] = b"=&%,.-_0123456789abcdeglprsz#?+";
                ALPHABET[(x % ALPHABET.len() as u64) as usize] as char
            })
            .collect();
        let _ = link::from_query(&q);
    }
}
