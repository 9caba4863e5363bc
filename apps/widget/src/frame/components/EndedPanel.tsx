import { strings } from '../strings';

export function EndedPanel({ onStartNew }: { onStartNew: () => void }) {
  return (
    <div class="ended">
      <p class="ended-text">{strings.ended}</p>
      <button type="button" class="primary-btn" onClick={onStartNew}>
        {strings.startNew}
      </button>
    </div>
  );
}
