import Link from 'next/link';

type UnknownParametersProps = {
  /** One refusal per unknown parameter, as the API words it. */
  messages: readonly string[];
  /** The same page without them. */
  withoutHref: string;
  withoutLabel: string;
};

/**
 * A page URL with a parameter the page does not know (`/?latencymin=1`): refused where the
 * answer would be, as the API refuses it, rather than shown without it as if it were the view
 * that was asked for.
 */
export function UnknownParameters({ messages, withoutHref, withoutLabel }: UnknownParametersProps) {
  return (
    <div
      role="alert"
      data-testid="error-banner"
      data-error-code="invalid_parameter"
      className="space-y-2 rounded-md border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-950 dark:border-red-800 dark:bg-red-950 dark:text-red-100"
    >
      <p className="font-semibold">Could not open this view</p>
      {messages.map((message) => (
        <p key={message} className="break-words">
          {message}
        </p>
      ))}
      <p className="text-xs opacity-80">code: invalid_parameter</p>
      <Link href={withoutHref} className="font-medium underline underline-offset-2">
        {withoutLabel}
      </Link>
    </div>
  );
}
