import type { WidgetConfig } from '@parley/protocol';
import { strings } from '../strings';
import { Avatar } from './Avatar';

/** The top of an empty chat: who you are talking to, and the site's greeting. */
export function Welcome({ config }: { config: WidgetConfig | null }) {
  const siteName = config?.siteName ?? strings.defaultTitle;
  return (
    <div class="welcome">
      <Avatar name={siteName} size="lg" />
      <p class="welcome-name">{siteName}</p>
      {config?.greeting && (
        <p class="welcome-greeting" dir="auto">
          {config.greeting}
        </p>
      )}
    </div>
  );
}
