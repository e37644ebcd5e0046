import { LOG_FORMAT_PRESETS } from '@/lib/domain/access-log/presets';
import type { EdgeDocument, IngressDocument } from './tier-documents';

/**
 * The sample's lines as the two nginx tiers would write them as text: the edge in a custom
 * log_format of the kind an edge nginx is given (every timing, `$msec` for the millisecond,
 * `$request_id` which it also sends on as X-Request-ID, `$app_name` from a `map`), the ingress in
 * the controller's default format plus `$upstream_connect_time` (its `$req_id` is that header).
 * The ingress format has no `$hostname`, so each node writes its own file, named with its host.
 */
export const SAMPLE_EDGE_LOG_FORMAT =
  '$remote_addr - $remote_user [$time_local] "$request_method $uri $server_protocol" $status $body_bytes_sent ' +
  '"$http_referer" "$http_user_agent" $msec $request_time $upstream_connect_time $upstream_header_time ' +
  '$upstream_response_time $upstream_addr $upstream_status $hostname $host $app_name $request_id';

export const SAMPLE_INGRESS_LOG_FORMAT = `${LOG_FORMAT_PRESETS['ingress-nginx'][0]} $upstream_connect_time`;

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const pad = (value: number, width = 2) => String(value).padStart(width, '0');

/** `$time_local` of a UTC server: "19/Nov/2020:02:00:00 +0000" (whole seconds, as nginx writes it). */
export function toTimeLocal(ms: number): string {
  const date = new Date(ms);
  return (
    `${pad(date.getUTCDate())}/${MONTHS[date.getUTCMonth()]}/${date.getUTCFullYear()}:` +
    `${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())} +0000`
  );
}

/** `$msec`: seconds with milliseconds. */
export function toMsec(ms: number): string {
  return `${Math.floor(ms / 1000)}.${pad(ms % 1000, 3)}`;
}

/** nginx's default escaping of a logged value: `"`, `\` and bytes outside printable ASCII as \xHH. */
export function escapeNginxValue(text: string): string {
  if (/^[\x20-\x21\x23-\x5b\x5d-\x7e]*$/.test(text)) return text;
  let escaped = '';
  for (const byte of Buffer.from(text, 'utf8')) {
    escaped += byte === 0x22 || byte === 0x5c || byte < 0x20 || byte > 0x7e ? `\\x${byte.toString(16).toUpperCase().padStart(2, '0')}` : String.fromCharCode(byte);
  }
  return escaped;
}

const text = (value: string | number | undefined) => (value === undefined || value === '' ? '-' : escapeNginxValue(String(value)));
/** A JSON number of seconds as nginx prints it: three decimals. */
const seconds = (value: number | undefined) => (value === undefined ? '-' : (Math.round(value * 1000) / 1000).toFixed(3));

/** The edge document as a line of SAMPLE_EDGE_LOG_FORMAT. */
export function toEdgeTextLine(doc: EdgeDocument): string {
  const ms = Date.parse(doc['@timestamp']);
  return (
    `${text(doc.client_ip)} - - [${toTimeLocal(ms)}] "${text(doc.request_method)} ${text(doc.path)} HTTP/1.1" ${doc.status} ${doc.body_bytes_sent} ` +
    `"-" "${text(doc.user_agent)}" ${toMsec(ms)} ${seconds(doc.request_time)} ${seconds(doc.upstream_connect_time)} ${seconds(doc.upstream_header_time)} ` +
    `${seconds(doc.upstream_response_time)} ${text(doc.upstream_addr)} ${text(doc.upstream_status)} ${text(doc['@source'])} ${text(doc.domain)} ` +
    `${text(doc.app_name)} ${text(doc.trace_id)}`
  );
}

/** The ingress document as a line of SAMPLE_INGRESS_LOG_FORMAT (its host goes in the file's name). */
export function toIngressTextLine(doc: IngressDocument): string {
  const ms = Date.parse(doc['@timestamp']);
  return (
    `${text(doc.client_ip)} - - [${toTimeLocal(ms)}] "${text(doc.request_method)} ${text(doc.path)} HTTP/1.1" ${doc.status} 0 ` +
    `"-" "${text(doc.user_agent)}" 0 ${text(doc.request_time)} [${text(doc.proxy_upstream_name)}] [] ${text(doc.upstream_addr)} ` +
    `- ${text(doc.upstream_response_time)} ${text(doc.upstream_status)} ${text(doc.trace_id)} ${text(doc.upstream_connect_time)}`
  );
}
