import { readableOn } from '../shared/color';
import { css, icons } from './styles';

/** Open, minimize, unread count (# is the number), and English's singular. */
const LABELS: Record<string, string[]> = {
  en: ['Open chat', 'Minimize chat', '# unread messages', '1 unread message'],
  es: ['Abrir chat', 'Minimizar chat', 'Mensajes sin leer: #'],
  fr: ['Ouvrir le chat', 'Réduire le chat', 'Messages non lus\u00a0: #'],
  de: ['Chat öffnen', 'Chat minimieren', 'Ungelesene Nachrichten: #'],
  pt: ['Abrir chat', 'Minimizar chat', 'Mensagens não lidas: #'],
  ru: ['Открыть чат', 'Свернуть чат', 'Непрочитанные сообщения: #'],
  ar: ['فتح الدردشة', 'تصغير الدردشة', 'رسائل غير مقروءة: #'],
};

export interface LauncherView {
  readonly button: HTMLButtonElement;
  setOpen(open: boolean): void;
  setUnread(count: number): void;
  setHidden(hidden: boolean): void;
  setAccent(color: string): void;
  /** The bottom corner the launcher and panel sit in. */
  setSide(side: 'left' | 'right'): void;
  /** The launcher's own words (its name and the unread count read to screen readers). */
  setLanguage(language: string): void;
  /** Puts the frame into the panel above the launcher (once). */
  mountFrame(frame: HTMLIFrameElement): void;
}

/**
 * Draws the launcher and the (initially empty) panel inside a shadow root attached to a
 * custom-named element, so generic host selectors such as `div {}` do not match it either.
 */
export function createLauncher(onToggle: () => void): LauncherView {
  const host = document.createElement('parley-widget');
  const root = host.attachShadow({ mode: 'open' });
  const wrap = document.createElement('div');
  const style = document.createElement('style');
  style.textContent = css;

  const button = document.createElement('button');
  button.type = 'button';
  button.className = 'launcher';
  button.innerHTML = icons;
  button.setAttribute('aria-describedby', 'parley-unread');
  button.addEventListener('click', onToggle);

  // The count is visible on the badge; screen readers get it as a description so that the
  // button's name stays exactly "Open chat".
  const badge = document.createElement('span');
  badge.className = 'badge';
  badge.setAttribute('aria-hidden', 'true');
  const unreadText = document.createElement('span');
  unreadText.className = 'sr';
  unreadText.id = 'parley-unread';
  button.append(badge);

  const panel = document.createElement('div');
  panel.className = 'panel';

  wrap.append(panel, button, unreadText);
  root.append(style, wrap);
  (document.body || document.documentElement).append(host);

  let labels = LABELS.en!;
  let isOpen = false;
  let unread = 0;
  const view: LauncherView = {
    button,
    setOpen(open) {
      isOpen = open;
      wrap.classList.toggle('open', open);
      button.setAttribute('aria-label', labels[open ? 1 : 0]!);
      button.setAttribute('aria-expanded', String(open));
    },
    setUnread(count) {
      unread = count;
      badge.hidden = unreadText.hidden = count < 1;
      badge.textContent = count > 9 ? '9+' : String(count);
      unreadText.textContent =
        count === 1 && labels[3] ? labels[3] : labels[2]!.replace('#', String(count));
    },
    setLanguage(language) {
      labels = LABELS[language] ?? labels;
      view.setOpen(isOpen);
      view.setUnread(unread);
    },
    setHidden(hidden) {
      wrap.classList.toggle('hidden', hidden);
    },
    setSide(side) {
      wrap.classList.toggle('left', side === 'left');
    },
    setAccent(color) {
      host.style.setProperty('--accent', color);
      host.style.setProperty('--on-accent', readableOn(color));
    },
    mountFrame(frame) {
      if (!frame.parentNode) panel.append(frame);
    },
  };
  view.setOpen(false);
  view.setUnread(0);
  return view;
}
