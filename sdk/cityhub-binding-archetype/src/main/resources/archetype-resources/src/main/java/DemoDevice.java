package ${package};

/**
 * A stand-in for a real device: a reading that drifts slowly. Replace it with your device's protocol (HTTP, a
 * socket, a serial line...) in {@link SensorHandlerFactory}; the handler and its tests stay as they are.
 */
final class DemoDevice implements Device {

    private final String host;
    private double value = 20;
    private boolean on = true;

    DemoDevice(String host) {
        this.host = host;
    }

    @Override
    public double read() {
        value += (Math.floorMod(host.hashCode() + (int) value * 31, 7) - 3) / 10.0;
        return on ? value : 0;
    }

    @Override
    public void power(boolean on) {
        this.on = on;
    }
}
