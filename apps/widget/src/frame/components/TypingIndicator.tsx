import { fmt, strings } from '../strings';

export function TypingIndicator({ name }: { name: string }) {
  return (
    <div class="typing">
      <span class="dots" aria-hidden="true">
        <i />
        <i />
        <i />
      </span>
      <span class="typing-text">{name ? fmt(strings.typingName, name) : strings.typingAnon}</span>
    </div>
  );
}
