package org.cityhub.console.internal.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

class DisplayTableTest {

    @Test
    void chineseLabelsTakeTwoColumnsEachAndTheColumnsAfterThemStayAligned() {
        DisplayTable table = new DisplayTable();
        table.column("UID");
        table.column("Label");
        table.column("Status");
        table.addRow().addContent("mqtt:zigbee2mqtt:00158d0001a2b301", "厨房烟雾报警器", "ONLINE");
        table.addRow().addContent("simulator:streetlight:harbour-1", "Harbour light 1", "OFFLINE");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        table.print(new PrintStream(bytes, true, StandardCharsets.UTF_8));

        List<String> lines = bytes.toString(StandardCharsets.UTF_8).lines().toList();
        assertThat(lines).hasSize(4);
        int status = DisplayTable.width(lines.get(0).substring(0, lines.get(0).indexOf("Status")));
        assertThat(DisplayTable.width(lines.get(2).substring(0, lines.get(2).indexOf("ONLINE")))).isEqualTo(status);
        assertThat(DisplayTable.width(lines.get(3).substring(0, lines.get(3).indexOf("OFFLINE")))).isEqualTo(status);
        assertThat(DisplayTable.width("厨房烟雾报警器")).isEqualTo(14);
    }
}
