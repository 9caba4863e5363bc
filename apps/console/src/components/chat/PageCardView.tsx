import type { PageCard } from '@parley/protocol';
import { useState } from 'react';
import { safeHref } from '../../visitorFormat';
import classes from './PageCardView.module.css';

function host(url: string): string {
  try {
    return new URL(url).hostname.replace(/^www\./, '');
  } catch {
    return url;
  }
}

/** A page sent to the visitor ("Send to page"), as they see it: picture, title, price, link. */
export function PageCardView({ card }: { card: PageCard }) {
  const href = safeHref(card.url);
  const image = safeHref(card.image);
  const [imageFailed, setImageFailed] = useState(false);
  const title = card.title.trim() || host(card.url);

  return (
    <a
      className={classes.card}
      href={href}
      target="_blank"
      rel="noopener noreferrer"
      aria-label={`${title}${card.price ? `, ${card.price}` : ''} (opens the page)`}
    >
      {image && !imageFailed && (
        <img
          className={classes.image}
          src={image}
          alt=""
          loading="lazy"
          referrerPolicy="no-referrer"
          onError={() => setImageFailed(true)}
        />
      )}
      <span className={classes.text}>
        <span className={classes.title} dir="auto">
          {title}
        </span>
        {card.description && (
          <span className={classes.description} dir="auto">
            {card.description}
          </span>
        )}
        <span className={classes.footer}>
          {card.price && <span className={classes.price}>{card.price}</span>}
          <span className={classes.host}>{host(card.url)}</span>
        </span>
      </span>
    </a>
  );
}
