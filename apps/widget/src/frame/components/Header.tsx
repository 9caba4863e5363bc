import type { RefObject } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { PublicAgent, WidgetConfig } from '@parley/protocol';
import { strings } from '../strings';
import { Avatar } from './Avatar';
import { trapTab } from './focus';
import { BellIcon, ChatIcon, ChevronDown, EndIcon, MailIcon, MoreIcon, UserIcon } from './icons';
import { loadExtras } from './lazy';

/** What the "More options" menu offers; an absent action is not offered. */
export interface MenuActions {
  details?: () => void;
  transcript?: () => void;
  endChat?: () => void;
  muted: boolean;
  toggleMute: () => void;
}

interface Props {
  config: WidgetConfig | null;
  /** Serving the chat, or inviting the visitor to one. */
  agent: PublicAgent | null;
  department: string | null;
  /** Someone is there now: the green dot. */
  live: boolean;
  /** Absent when the frame is not inside a host page (nothing to minimize to). */
  onMinimize?: () => void;
  /** Absent when the chat is unavailable. */
  menu?: MenuActions;
  /** Banned or switched off: the header claims nobody is online. */
  unavailable?: boolean;
  /** The menu button, for dialogs opened from the menu to return focus to. */
  menuButton?: RefObject<HTMLButtonElement>;
}

export function Header({
  config,
  agent,
  department,
  live,
  onMinimize,
  menu,
  menuButton,
  unavailable,
}: Props) {
  const siteName = config?.siteName ?? strings.defaultTitle;
  const title = agent ? agent.name : siteName;
  // Before the site is known (or when chat is unavailable) nothing is claimed about who is in.
  const subtitle = agent
    ? (department ?? siteName)
    : (department ??
      (!config || unavailable
        ? null
        : config.agentsAvailable === false
          ? strings.awayStatus
          : strings.online));
  // "Show agent photo" off, or no photo: initials.
  const photo = agent && config?.showAgentPhoto ? agent.avatarUrl : null;

  // Escape does what the minimize button does, wherever the focus is in the chat.
  useEffect(() => {
    if (!onMinimize) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') onMinimize();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [onMinimize]);

  return (
    <header class="header">
      <div class="header-avatar">
        {agent || config ? (
          <Avatar name={title} url={photo} />
        ) : (
          <span class="avatar avatar-md" aria-hidden="true">
            <ChatIcon />
          </span>
        )}
        {live && <span class="presence" aria-hidden="true" />}
      </div>
      {/* bdi: a Latin name in an Arabic header keeps its own direction, not its side. */}
      <div class="header-text">
        <h1 class="header-title">
          <bdi>{title}</bdi>
        </h1>
        {subtitle && (
          <p class="header-subtitle">
            <bdi>{subtitle}</bdi>
          </p>
        )}
      </div>
      {menu && <Menu actions={menu} button={menuButton} />}
      {onMinimize && (
        <button
          type="button"
          class="icon-btn"
          aria-label={strings.minimize}
          title={strings.minimize}
          onClick={onMinimize}
        >
          <ChevronDown />
        </button>
      )}
    </header>
  );
}

/** Arrows, Home and End move through the menu's items; Escape closes it; Tab stays inside. */
function menuKey(e: KeyboardEvent, list: HTMLDivElement | null, close: () => void) {
  const items = [...(list?.querySelectorAll<HTMLButtonElement>('button') ?? [])];
  const i = items.indexOf(document.activeElement as HTMLButtonElement);
  const to =
    e.key === 'ArrowDown'
      ? (i + 1) % items.length
      : e.key === 'ArrowUp'
        ? (i - 1 + items.length) % items.length
        : e.key === 'Home'
          ? 0
          : e.key === 'End'
            ? items.length - 1
            : -1;
  if (to >= 0) {
    e.preventDefault();
    items[to]?.focus();
  } else if (e.key === 'Escape') {
    e.stopPropagation();
    close();
  } else trapTab(e, list);
}

/** What the menu offers: details, transcript, sounds and ending the chat. */
function MenuItems({
  actions,
  run,
}: {
  actions: MenuActions;
  run: (fn: () => void) => () => void;
}) {
  return (
    <>
      {actions.details && (
        <button type="button" class="menu-item" onClick={run(actions.details)}>
          <UserIcon />
          {strings.yourDetails}
        </button>
      )}
      {actions.transcript && (
        <button type="button" class="menu-item" onClick={run(actions.transcript)}>
          <MailIcon />
          {strings.emailTranscript}
        </button>
      )}
      {/* A toggle: stays open so the visitor sees it flip. */}
      <button
        type="button"
        class="menu-item"
        aria-pressed={actions.muted}
        onClick={actions.toggleMute}
      >
        <BellIcon off={actions.muted} />
        {strings.muteSounds}
        <span class="switch" aria-hidden="true" />
      </button>
      {actions.endChat && (
        <button type="button" class="menu-item danger" onClick={run(actions.endChat)}>
          <EndIcon />
          {strings.endChat}
        </button>
      )}
    </>
  );
}

/**
 * "More options": a button that shows a short list of actions. Arrow keys move through them,
 * Tab stays inside, Escape or a click elsewhere closes it and focus returns to the button.
 */
function Menu({
  actions,
  button,
}: {
  actions: MenuActions;
  button?: RefObject<HTMLButtonElement>;
}) {
  const [open, setOpen] = useState(false);
  const own = useRef<HTMLButtonElement>(null);
  const toggle = button ?? own;
  const list = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!open) return;
    // Most items open a sheet: fetch it while the visitor reads the menu.
    loadExtras().catch(() => undefined);
    list.current?.querySelector<HTMLButtonElement>('button')?.focus();
    const outside = (e: PointerEvent) => {
      const t = e.target as Node;
      if (!list.current?.contains(t) && !toggle.current?.contains(t)) setOpen(false);
    };
    document.addEventListener('pointerdown', outside);
    return () => document.removeEventListener('pointerdown', outside);
  }, [open]);

  const close = () => {
    setOpen(false);
    toggle.current?.focus();
  };
  /** The menu closes first, so that the dialog it opens can take focus. */
  const run = (fn: () => void) => () => {
    setOpen(false);
    fn();
  };

  const onKeyDown = (e: KeyboardEvent) => menuKey(e, list.current, close);

  return (
    <div class="menu-wrap">
      <button
        type="button"
        class="icon-btn"
        ref={toggle}
        aria-label={strings.moreOptions}
        title={strings.moreOptions}
        aria-expanded={open}
        aria-controls="chat-menu"
        onClick={() => setOpen((o) => !o)}
      >
        <MoreIcon />
      </button>
      {open && (
        <div
          class="menu"
          id="chat-menu"
          ref={list}
          role="group"
          aria-label={strings.moreOptions}
          onKeyDown={onKeyDown}
        >
          <MenuItems actions={actions} run={run} />
        </div>
      )}
    </div>
  );
}
