import { useEffect, useRef } from 'preact/hooks';
import { strings } from '../strings';

interface Props {
  departments: ReadonlyArray<{ id: string; name: string }>;
  onChoose: (id: string) => void;
  /** Move focus to the first choice when the question appears. */
  autoFocus: boolean;
}

/** Asked once, on the first send, when the site routes to more than one department. */
export function DepartmentPicker({ departments, onChoose, autoFocus }: Props) {
  const first = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (autoFocus) first.current?.focus();
  }, [autoFocus]);
  return (
    <div class="notice departments" role="group" aria-labelledby="dept-title">
      <div class="departments-text">
        <p class="notice-title" id="dept-title">
          {strings.chooseDepartment}
        </p>
        <p class="notice-body">{strings.chooseDepartmentHint}</p>
      </div>
      <div class="choices">
        {departments.map((d, i) => (
          <button
            type="button"
            class="choice-btn"
            key={d.id}
            ref={i === 0 ? first : undefined}
            dir="auto"
            onClick={() => onChoose(d.id)}
          >
            {d.name}
          </button>
        ))}
      </div>
    </div>
  );
}
