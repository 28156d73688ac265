/**
 * A tone for each outcome, so a queue hears the verdict before it reads it: two rising notes for PASS,
 * a low double buzz for FAIL. WebAudio needs no file; the context is made on first use and kept, since
 * browsers limit how many a page may open. Where audio is refused (no user gesture yet) it stays silent.
 */
type Outcome = 'pass' | 'fail';

const notes: Record<Outcome, { type: OscillatorType; steps: readonly [number, number, number][] }> = {
  // [frequency Hz, start s, length s]
  pass: { type: 'sine', steps: [[880, 0, 0.12], [1320, 0.14, 0.18]] },
  fail: { type: 'square', steps: [[220, 0, 0.18], [220, 0.26, 0.18]] },
};

let context: AudioContext | null = null;

export function playOutcomeTone(outcome: Outcome): void {
  try {
    context ??= new AudioContext();
    if (context.state === 'suspended') void context.resume();
    const { type, steps } = notes[outcome];
    const start = context.currentTime;
    for (const [frequency, offset, length] of steps) {
      const oscillator = context.createOscillator();
      const gain = context.createGain();
      oscillator.type = type;
      oscillator.frequency.value = frequency;
      gain.gain.setValueAtTime(0.25, start + offset);
      gain.gain.exponentialRampToValueAtTime(0.001, start + offset + length);
      oscillator.connect(gain).connect(context.destination);
      // A node stays in the graph while connected: an all-day kiosk would gather thousands of silent ones.
      oscillator.addEventListener('ended', () => {
        oscillator.disconnect();
        gain.disconnect();
      });
      oscillator.start(start + offset);
      oscillator.stop(start + offset + length);
    }
  } catch {
    // No audio on this device: the screen and the voice still say it.
  }
}
