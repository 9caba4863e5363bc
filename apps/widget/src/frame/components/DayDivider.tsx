import { formatDay } from '../format';

export function DayDivider({ date }: { date: Date }) {
  return (
    <div class="day" role="separator">
      <span>{formatDay(date)}</span>
    </div>
  );
}
