// The console's own words in English and Chinese; the things' names come from the hub in the language asked for.
export const TEXTS = {
  en: {
    map: 'Map', language: 'Language', signOut: 'Sign out', signIn: 'Sign in', token: 'Access token',
    signInHelp: 'Paste the token your administrator gave you (it stays in this browser tab only).',
    badToken: 'The hub does not accept this token.', search: 'Search', department: 'Department', status: 'Status',
    all: 'All', things: 'things', label: 'Name', uid: 'UID', owner: 'Owner', live: 'live', offline: 'not live',
    states: 'Channels', channel: 'Channel', value: 'Value', updated: 'Updated', command: 'Command', send: 'Send',
    history: 'History', range: 'Range', hour: 'Last hour', day: 'Last day', week: 'Last week', csv: 'Download CSV',
    back: 'Back to the map', noHistory: 'No history in this range.', sent: 'Sent', failed: 'Refused',
    why: 'Why', problems: 'Problems', average: 'average', minimum: 'minimum', maximum: 'maximum',
    events: 'Events', rules: 'Rules', grants: 'Grants', topics: 'Topics', type: 'Type', time: 'Time',
    data: 'Data', notOnline: 'Things not online', fileProblems: 'Thing files', health: 'Health', none: 'None',
    id: 'Id', grantee: 'Grantee', purpose: 'Purpose', active: 'In force', yes: 'yes', no: 'no', firings: 'Firings',
    message: 'Message', file: 'File', line: 'Line',
  },
  'zh-CN': {
    map: '地图', language: '语言', signOut: '退出', signIn: '登录', token: '访问令牌',
    signInHelp: '粘贴管理员给您的令牌（只保存在本浏览器标签页中）。',
    badToken: '平台不接受此令牌。', search: '搜索', department: '部门', status: '状态',
    all: '全部', things: '个设备', label: '名称', uid: '标识', owner: '所属', live: '实时', offline: '未连接',
    states: '通道', channel: '通道', value: '值', updated: '更新时间', command: '命令', send: '发送',
    history: '历史', range: '范围', hour: '最近一小时', day: '最近一天', week: '最近一周', csv: '下载 CSV',
    back: '返回地图', noHistory: '此范围内没有历史数据。', sent: '已发送', failed: '被拒绝',
    why: '原因', problems: '问题', average: '平均', minimum: '最小', maximum: '最大',
    events: '事件', rules: '规则', grants: '授权', topics: '主题', type: '类型', time: '时间',
    data: '数据', notOnline: '不在线的设备', fileProblems: '设备文件', health: '健康状况', none: '无',
    id: '标识', grantee: '被授权方', purpose: '用途', active: '生效', yes: '是', no: '否', firings: '触发次数',
    message: '说明', file: '文件', line: '行',
  },
};

/** The language the console speaks: the one chosen before, else the browser's, Chinese or English. */
export function initialLanguage() {
  const chosen = localStorage.getItem('cityhub.language');
  if (chosen && TEXTS[chosen]) {
    return chosen;
  }
  return (navigator.language || 'en').toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';
}
