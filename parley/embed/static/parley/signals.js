// signals.js: how a comment form was used, sent with the comment as `signals`.
//
//   const signals = watchSignals(form, { challenge });
//   payload.signals = signals.snapshot();   // at submit
//   signals.reset();                        // after a comment is posted
//
// snapshot() answers the contract's object: elapsed_ms (form first shown, that
// is watched, to now), keys (key presses), pointer (pointer and touch presses
// and moves), focus (focus changes), pastes, and from the challenge solve_ms and
// challenge_solved. Only counts and times: never which keys, nor where.

const COUNTED = {
  keydown: "keys",
  pointerdown: "pointer",
  pointermove: "pointer",
  focusin: "focus",
  paste: "pastes",
};

export function watchSignals(form, { challenge = null } = {}) {
  let shownAt;
  let counts;
  const reset = () => {
    shownAt = performance.now();
    counts = { keys: 0, pointer: 0, focus: 0, pastes: 0 };
  };
  const count = (event) => {
    counts[COUNTED[event.type]] += 1;
  };
  reset();
  // Capture, so that nothing inside the form can hide its events from the count.
  for (const type of Object.keys(COUNTED)) form.addEventListener(type, count, { capture: true, passive: true });
  return {
    snapshot() {
      const signals = { elapsed_ms: Math.round(performance.now() - shownAt), ...counts };
      signals.challenge_solved = Boolean(challenge && challenge.solved);
      if (signals.challenge_solved) signals.solve_ms = challenge.solveMs;
      return signals;
    },
    reset,
    stop() {
      for (const type of Object.keys(COUNTED)) form.removeEventListener(type, count, { capture: true });
    },
  };
}
