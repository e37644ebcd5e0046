/**
 * Formats known by name. `combined` is nginx's predefined format; `ingress-nginx` is the
 * controller's default `log-format-upstream` (upstreaminfo), which has no `$upstream_connect_time`
 * and no `$hostname`.
 */
export const LOG_FORMAT_PRESETS = {
  combined: '$remote_addr - $remote_user [$time_local] "$request" $status $body_bytes_sent "$http_referer" "$http_user_agent"',
  'ingress-nginx':
    '$remote_addr - $remote_user [$time_local] "$request" $status $body_bytes_sent "$http_referer" "$http_user_agent" ' +
    '$request_length $request_time [$proxy_upstream_name] [$proxy_alternative_upstream_name] $upstream_addr ' +
    '$upstream_response_length $upstream_response_time $upstream_status $req_id',
} as const;

export type LogFormatPresetName = keyof typeof LOG_FORMAT_PRESETS;

export const LOG_FORMAT_PRESET_NAMES = Object.keys(LOG_FORMAT_PRESETS) as LogFormatPresetName[];

export function isLogFormatPresetName(name: string): name is LogFormatPresetName {
  return Object.hasOwn(LOG_FORMAT_PRESETS, name);
}
