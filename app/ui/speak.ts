import type { Language } from '../i18n/messages.ts';

/**
 * Says a short outcome aloud, as venue kiosks did ("绿码，已登记"), for people who cannot read the
 * screen at the door. Returns false where the browser has no speech synthesis.
 */
export function speak(text: string, language: Language): boolean {
  if (!('speechSynthesis' in window)) return false;
  window.speechSynthesis.cancel();
  const utterance = new SpeechSynthesisUtterance(text);
  utterance.lang = language === 'zh' ? 'zh-CN' : 'en-GB';
  window.speechSynthesis.speak(utterance);
  return true;
}
