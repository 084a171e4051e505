import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/**
 * Draws the Omnichat app icon (a speech bubble with three dots on a blue tile) and writes it in the three formats
 * jpackage takes: PNG (Linux), ICO (Windows) and ICNS (macOS); ICO and ICNS simply hold PNG images.
 * Run with the JDK's source launcher: {@code java installers/icon/OmnichatIcon.java <output-dir>}.
 */
public final class OmnichatIcon {
    public static void main(String[] args) throws IOException {
        System.setProperty("java.awt.headless", "true");
        Path out = Path.of(args.length > 0 ? args[0] : ".");
        Files.createDirectories(out);
        Files.write(out.resolve("omnichat.png"), png(256));
        Files.write(out.resolve("omnichat.ico"), ico(png(16), png(32), png(48), png(256)));
        Files.write(out.resolve("omnichat.icns"), icns(png(256), png(512)));
    }

    static BufferedImage draw(int size) {
        BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.scale(size / 256.0, size / 256.0);
        g.setPaint(new GradientPaint(0, 0, new Color(0x2F80ED), 256, 256, new Color(0x1B4FA8)));
        g.fill(new RoundRectangle2D.Double(8, 8, 240, 240, 56, 56));
        Path2D bubble = new Path2D.Double();
        bubble.append(new RoundRectangle2D.Double(40, 52, 176, 124, 48, 48), false);
        bubble.moveTo(76, 166);
        bubble.lineTo(60, 212);
        bubble.lineTo(122, 170);
        bubble.closePath();
        g.setColor(Color.WHITE);
        g.fill(bubble);
        g.setColor(new Color(0x2F80ED));
        for (int i = 0; i < 3; i++) {
            g.fill(new Ellipse2D.Double(78 + i * 40, 100, 24, 24));
        }
        g.setColor(new Color(255, 255, 255, 90));
        g.setStroke(new BasicStroke(4));
        g.draw(new RoundRectangle2D.Double(10, 10, 236, 236, 54, 54));
        g.dispose();
        return image;
    }

    static byte[] png(int size) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ImageIO.write(draw(size), "png", bytes);
        return bytes.toByteArray();
    }

    /** ICO with PNG entries (Windows Vista and later); a size of 256 is written as 0. */
    static byte[] ico(byte[]... pngs) throws IOException {
        int[] sizes = {16, 32, 48, 256};
        ByteBuffer header = ByteBuffer.allocate(6 + 16 * pngs.length).order(ByteOrder.LITTLE_ENDIAN);
        header.putShort((short) 0).putShort((short) 1).putShort((short) pngs.length);
        int offset = header.capacity();
        for (int i = 0; i < pngs.length; i++) {
            header.put((byte) (sizes[i] % 256)).put((byte) (sizes[i] % 256)).put((byte) 0).put((byte) 0);
            header.putShort((short) 1).putShort((short) 32).putInt(pngs[i].length).putInt(offset);
            offset += pngs[i].length;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(header.array());
        for (byte[] png : pngs) {
            out.write(png);
        }
        return out.toByteArray();
    }

    /** ICNS with 'ic08' (256 px) and 'ic09' (512 px) PNG entries. */
    static byte[] icns(byte[] png256, byte[] png512) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeBytes("icns");
        out.writeInt(8 + 8 + png256.length + 8 + png512.length);
        out.writeBytes("ic08");
        out.writeInt(8 + png256.length);
        out.write(png256);
        out.writeBytes("ic09");
        out.writeInt(8 + png512.length);
        out.write(png512);
        return bytes.toByteArray();
    }
}
