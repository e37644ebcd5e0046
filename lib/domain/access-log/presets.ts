/**
 * Formats known by name, each with the variants real servers write, the current one first.
 * - `combined`: nginx's predefined format, and the `main` format distributions ship in nginx.conf
 *   (combined plus `"$http_x_forwarded_for"`). Neither has a timing or a request id.
 * - `ingress-nginx`: the controller's default `log-format-upstream` (upstreaminfo) as it has read
 *   since 0.25: ending in `$req_id`, with no `$upstream_connect_time` and no `$hostname` (a
 *   `"$request_method $uri $server_protocol"` in place of `"$request"`, as some set it to keep
 *   query strings out of the logs, reads the same); then the older defaults with `[$the_real_ip]`
 *   (0.10–0.24, `$req_id` from 0.19; before 0.10 the brackets held `$proxy_add_x_forwarded_for`,
 *   which the same grammar reads, and there was no request id).
 */
export const LOG_FORMAT_PRESETS = {
  combined: [
    '$remote_addr - $remote_user [$time_local] "$request" $status $body_bytes_sent "$http_referer" "$http_user_agent"',
    '$remote_addr - $remote_user [$time_local] "$request" $status $body_bytes_sent "$http_referer" "$http_user_agent" "$http_x_forwarded_for"',
  ],
  'ingress-nginx': [
    '$remote_addr - $remote_user [$time_local] "$request" $status $body_bytes_sent "$http_referer" "$http_user_agent" ' +
      '$request_length $request_time [$proxy_upstream_name] [$proxy_alternative_upstream_name] $upstream_addr ' +
      '$upstream_response_length $upstream_response_time $upstream_status $req_id',
    '$remote_addr - [$the_real_ip] - $remote_user [$time_local] "$request" $status $body_bytes_sent "$http_referer" "$http_user_agent" ' +
      '$request_length $request_time [$proxy_upstream_name] $upstream_addr $upstream_response_length $upstream_response_time $upstream_status $req_id',
    '$remote_addr - [$the_real_ip] - $remote_user [$time_local] "$request" $status $body_bytes_sent "$http_referer" "$http_user_agent" ' +
      '$request_length $request_time [$proxy_upstream_name] $upstream_addr $upstream_response_length $upstream_response_time $upstream_status',
  ],
} as const satisfies Record<string, readonly [string, ...string[]]>;

export type LogFormatPresetName = keyof typeof LOG_FORMAT_PRESETS;

export const LOG_FORMAT_PRESET_NAMES = Object.keys(LOG_FORMAT_PRESETS) as LogFormatPresetName[];

export function isLogFormatPresetName(name: string): name is LogFormatPresetName {
  return Object.hasOwn(LOG_FORMAT_PRESETS, name);
}
