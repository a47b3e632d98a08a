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
    district: 'District', tag: 'Tag', latest: 'Latest', showMore: 'Show 500 more',
    districtsProblem: 'The districts cannot be drawn:', noAccess: 'This token may not open this page:',
    inputErrors: 'Input errors', lastError: 'Last', definition: 'Definition', set: 'set', notSet: 'not set',
    source: 'Source', location: 'Location', tags: 'Tags', revoke: 'Revoke', inbox: 'Inbox', bindings: 'Bindings',
    approve: 'Approve', ignore: 'Ignore', approved: 'Approved', ignored: 'Ignored', ignoredColumn: 'Ignored',
    scan: 'Scan now', scanning: 'Scanning; new devices appear here when found.', properties: 'Properties',
    discovered: 'Discovered', updating: 'updating', version: 'Version', updatedTo: 'updated to version',
    thingsRun: 'Things it runs',
    waiting: 'waiting', update: 'Update', 'role-resident': 'resident', 'role-viewer': 'viewer',
    'role-operator': 'operator', 'role-integrator': 'integrator', 'role-admin': 'administrator',
    aggregate: 'Aggregate', 'aggregate-band': 'Average, minimum–maximum band', 'aggregate-avg': 'Average',
    'aggregate-twa': 'Time-weighted average', 'aggregate-min': 'Minimum', 'aggregate-max': 'Maximum',
    'aggregate-last': 'Last value',
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
    district: '城区', tag: '标签', latest: '最新', showMore: '再显示 500 个',
    districtsProblem: '无法绘制城区：', noAccess: '此令牌无权打开此页面：',
    inputErrors: '输入错误', lastError: '最近一次', definition: '定义', set: '已设置', notSet: '未设置',
    source: '来源', location: '位置', tags: '标签', revoke: '撤销', inbox: '待接入设备', bindings: '绑定',
    approve: '批准', ignore: '忽略', approved: '已批准', ignored: '已忽略', ignoredColumn: '已忽略',
    scan: '立即扫描', scanning: '正在扫描；发现的新设备会出现在这里。', properties: '属性',
    discovered: '发现时间', updating: '更新中', version: '版本', updatedTo: '已更新至版本', thingsRun: '运行的设备',
    waiting: '等待中', update: '更新', 'role-resident': '居民', 'role-viewer': '查看者',
    'role-operator': '操作员', 'role-integrator': '集成员', 'role-admin': '管理员',
    aggregate: '聚合', 'aggregate-band': '平均值及最小–最大范围', 'aggregate-avg': '平均值', 'aggregate-twa': '时间加权平均',
    'aggregate-min': '最小值', 'aggregate-max': '最大值', 'aggregate-last': '最后值',
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
