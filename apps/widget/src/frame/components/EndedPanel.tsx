import { strings } from '../strings';

interface Props {
  onStartNew: () => void;
  /** The button's text: "Start a new chat", or the message form's when nobody is available. */
  label?: string;
}

export function EndedPanel({ onStartNew, label = strings.startNew }: Props) {
  return (
    <div class="ended">
      <p class="ended-text">{strings.ended}</p>
      <button type="button" class="primary-btn" onClick={onStartNew}>
        {label}
      </button>
    </div>
  );
}
