//! The information theory the page explains, against values worked out by hand.

use ganplay::theory::{self, Unit};

fn close(a: f64, b: f64) {
    assert!((a - b).abs() < 1e-12, "{a} != {b}");
}

#[test]
fn rare_events_carry_more_information() {
    close(theory::information(0.5, Unit::Bits), 1.0);
    close(theory::information(0.125, Unit::Bits), 3.0);
    close(theory::information(1.0, Unit::Nats), 0.0);
    assert_eq!(theory::information(0.0, Unit::Bits), f64::INFINITY);
}

#[test]
fn uniform_has_more_entropy_than_skewed() {
    close(theory::entropy(&[0.25; 4], Unit::Bits), 2.0);
    // Olah's example: P = (1/2, 1/4, 1/8, 1/8) has 1.75 bits.
    close(theory::entropy(&[0.5, 0.25, 0.125, 0.125], Unit::Bits), 1.75);
    close(theory::entropy(&[1.0, 0.0], Unit::Bits), 0.0);
    close(theory::entropy(&[0.5, 0.5], Unit::Nats), std::f64::consts::LN_2);
}

#[test]
fn cross_entropy_and_kl_count_the_extra_bits() {
    let p = [0.5, 0.25, 0.125, 0.125];
    let q = [0.125, 0.5, 0.25, 0.125];
    // H(P, Q) = 0.5·3 + 0.25·1 + 0.125·2 + 0.125·3 = 2.375 bits (Olah's H_q(p)).
    close(theory::cross_entropy(&p, &q, Unit::Bits), 2.375);
    close(theory::kl_divergence(&p, &q, Unit::Bits), 2.375 - 1.75);
    close(theory::kl_divergence(&p, &p, Unit::Bits), 0.0);
}

#[test]
fn zero_probabilities_give_zero_terms_or_infinity_never_nan() {
    // P(x) = 0 terms add nothing.
    close(theory::cross_entropy(&[1.0, 0.0], &[0.5, 0.0], Unit::Bits), 1.0);
    // Q(x) = 0 where P(x) > 0: infinitely many extra bits.
    assert_eq!(theory::cross_entropy(&[0.5, 0.5], &[1.0, 0.0], Unit::Bits), f64::INFINITY);
    assert_eq!(theory::kl_divergence(&[0.5, 0.5], &[1.0, 0.0], Unit::Bits), f64::INFINITY);
    // JS divergence stays finite: 1 bit for disjoint supports.
    close(theory::js_divergence(&[1.0, 0.0], &[0.0, 1.0], Unit::Bits), 1.0);
}

#[test]
fn bce_terms_and_the_game_at_equilibrium() {
    close(theory::bce_term(1.0, 0.0), std::f64::consts::LN_2);
    close(theory::bce_term(0.0, 0.0), std::f64::consts::LN_2);
    // D = ½ everywhere: the D loss is 2·log 2 = log 4, V = -log 4.
    close(theory::discriminator_bce(&[0.0, 0.0], &[0.0]), 4f64.ln());
    close(theory::EQUILIBRIUM_VALUE, -(4f64.ln()));
    close(theory::optimal_discriminator_loss(0.0), 4f64.ln());
    close(theory::optimal_discriminator(3.0, 1.0), 0.75);
    assert!(theory::log_sigmoid(-800.0).is_finite() && theory::log_sigmoid(800.0) == 0.0);
}
