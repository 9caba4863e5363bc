import { strings } from '../strings';

export function TypingIndicator({ name }: { name: string }) {
  return (
    <div class="typing">
      <span class="dots" aria-hidden="true">
        <i />
        <i />
        <i />
      </span>
      <span class="typing-text">{strings.typing(name || null)}</span>
    </div>
  );
}
