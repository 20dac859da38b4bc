// Generated from crates/core/src/catalogue/table.rs by scripts/check-bindings.sh: do not edit.
// Each engine operation's Tauri command (null: HTTP only), HTTP method and route.

export const OPERATIONS = {
  app_info: { command: 'app_info', method: null, path: null },
  get_status: { command: 'get_status', method: 'GET', path: '/api/status' },
  get_schedules: { command: 'get_schedules', method: 'GET', path: '/api/scraping-schedules/' },
  get_schedule: { command: 'get_schedule', method: 'GET', path: '/api/scraping-schedules/{id}' },
  create_schedule: { command: null, method: 'POST', path: '/api/scraping-schedules/' },
  set_schedule: { command: 'set_schedule', method: 'PUT', path: '/api/scraping-schedules/{id}' },
  delete_schedule: { command: null, method: 'DELETE', path: '/api/scraping-schedules/{id}' },
  sync_now: { command: 'sync_now', method: 'POST', path: '/api/scraping-schedules/{id}/trigger' },
  get_history: { command: 'get_history', method: 'GET', path: '/api/scraping-schedules/history/{job_type}' },
  get_run: { command: 'get_run', method: 'GET', path: '/api/runs/{id}' },
  preview_schedule: { command: 'preview_schedule', method: 'POST', path: '/api/schedule/preview' },
  pause: { command: 'pause', method: 'POST', path: '/api/pause' },
  resume: { command: 'resume', method: 'POST', path: '/api/resume' },
  get_work_orders: { command: 'get_work_orders', method: 'GET', path: '/api/work-orders' },
  get_changes: { command: 'get_changes', method: 'GET', path: '/api/changes' },
  get_daily_stats: { command: 'get_daily_stats', method: 'GET', path: '/api/stats/daily' },
  get_settings: { command: 'get_settings', method: 'GET', path: '/api/settings' },
  set_settings: { command: 'set_settings', method: 'PUT', path: '/api/settings' },
  get_account: { command: 'get_account', method: 'GET', path: '/api/account' },
  set_account: { command: 'set_account', method: 'PUT', path: '/api/account' },
  test_login: { command: 'test_login', method: 'POST', path: '/api/account/test' },
  send_test_email: { command: 'send_test_email', method: 'POST', path: '/api/notifications/test-email' },
  send_test_webhook: { command: 'send_test_webhook', method: 'POST', path: '/api/notifications/test-webhook' },
  leave_demo: { command: 'leave_demo', method: 'POST', path: '/api/demo/leave' },
  events: { command: null, method: 'GET', path: '/api/events' },
} as const;

export type OperationName = keyof typeof OPERATIONS;
