package org.cityhub.json;

import java.util.EnumMap;
import java.util.Map;

import org.cityhub.api.i18n.Labels;
import org.cityhub.api.thing.ThingStatus;
import org.cityhub.api.thing.ThingStatusDetail;

/**
 * What a thing's status and its detail are called in English and Chinese, for the REST API's {@code label} of a
 * status (in the language a request asks for) and the console's status column.
 *
 * @since 1.3
 */
public final class StatusLabels {

    private static final Map<ThingStatus, Labels> STATUSES = new EnumMap<>(Map.of(
            ThingStatus.UNINITIALIZED, Labels.of("en", "Not initialised", "zh-CN", "未初始化"),
            ThingStatus.INITIALIZING, Labels.of("en", "Initialising", "zh-CN", "初始化中"),
            ThingStatus.UNKNOWN, Labels.of("en", "Unknown", "zh-CN", "未知"),
            ThingStatus.ONLINE, Labels.of("en", "Online", "zh-CN", "在线"),
            ThingStatus.OFFLINE, Labels.of("en", "Offline", "zh-CN", "离线"),
            ThingStatus.REMOVING, Labels.of("en", "Being removed", "zh-CN", "移除中"),
            ThingStatus.REMOVED, Labels.of("en", "Removed", "zh-CN", "已移除")));
    private static final Map<ThingStatusDetail, Labels> DETAILS = new EnumMap<>(Map.ofEntries(
            Map.entry(ThingStatusDetail.NONE, Labels.of("en", "None", "zh-CN", "无")),
            Map.entry(ThingStatusDetail.HANDLER_MISSING, Labels.of("en", "Binding not installed", "zh-CN", "未安装绑定")),
            Map.entry(ThingStatusDetail.HANDLER_INITIALIZING_ERROR, Labels.of("en", "Failed to start", "zh-CN",
                    "启动失败")),
            Map.entry(ThingStatusDetail.HANDLER_NOT_RESPONDING, Labels.of("en", "Not responding", "zh-CN", "无响应")),
            Map.entry(ThingStatusDetail.HANDLER_ERROR, Labels.of("en", "Binding error", "zh-CN", "绑定错误")),
            Map.entry(ThingStatusDetail.CONFIGURATION_ERROR, Labels.of("en", "Configuration error", "zh-CN",
                    "配置错误")),
            Map.entry(ThingStatusDetail.COMMUNICATION_ERROR, Labels.of("en", "Communication error", "zh-CN",
                    "通信错误")),
            Map.entry(ThingStatusDetail.BRIDGE_OFFLINE, Labels.of("en", "Bridge offline", "zh-CN", "网关离线")),
            Map.entry(ThingStatusDetail.BRIDGE_UNINITIALIZED, Labels.of("en", "Bridge not started", "zh-CN",
                    "网关未启动")),
            Map.entry(ThingStatusDetail.DISABLED, Labels.of("en", "Disabled", "zh-CN", "已停用")),
            Map.entry(ThingStatusDetail.GONE, Labels.of("en", "Gone", "zh-CN", "设备已移除")),
            Map.entry(ThingStatusDetail.HUB_OFFLINE, Labels.of("en", "Its hub is offline", "zh-CN", "所属平台离线"))));

    private StatusLabels() {
    }

    /** The status's names. */
    public static Labels of(ThingStatus status) {
        return STATUSES.get(status);
    }

    /** The detail's names. */
    public static Labels of(ThingStatusDetail detail) {
        return DETAILS.get(detail);
    }
}
