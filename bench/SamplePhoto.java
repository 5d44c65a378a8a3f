import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.File;
import java.util.Random;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.FileImageOutputStream;

/**
 * A stand-in for a phone photo when no real one is at hand (bench/evidence-size.sh): WIDTHxHEIGHT, shapes on a
 * gradient with sensor-like noise, JPEG at QUALITY. Its size says nothing about real photos; what the script measures
 * with it is what the database adds to the bytes it is given. Usage: java bench/SamplePhoto.java OUT [W H QUALITY SEED]
 */
public class SamplePhoto {
    public static void main(String[] a) throws Exception {
        int w = a.length > 1 ? Integer.parseInt(a[1]) : 4000, h = a.length > 2 ? Integer.parseInt(a[2]) : 3000;
        float quality = a.length > 3 ? Float.parseFloat(a[3]) : 0.85f;
        Random rnd = new Random(a.length > 4 ? Long.parseLong(a[4]) : 1);
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setPaint(new GradientPaint(0, 0, new Color(120, 160, 210), 0, h, new Color(90, 120, 60)));
        g.fillRect(0, 0, w, h);
        for (int i = 0; i < 400; i++) {
            g.setColor(new Color(rnd.nextInt(256), rnd.nextInt(256), rnd.nextInt(256)));
            g.fillRect(rnd.nextInt(w), rnd.nextInt(h), rnd.nextInt(w / 6) + 1, rnd.nextInt(h / 6) + 1);
        }
        g.dispose();
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int rgb = img.getRGB(x, y), n = (int) (rnd.nextGaussian() * 6);
                int r = clamp(((rgb >> 16) & 255) + n), gr = clamp(((rgb >> 8) & 255) + n), b = clamp((rgb & 255) + n);
                img.setRGB(x, y, (r << 16) | (gr << 8) | b);
            }
        }
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ImageWriteParam p = writer.getDefaultWriteParam();
        p.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
        p.setCompressionQuality(quality);
        try (FileImageOutputStream out = new FileImageOutputStream(new File(a[0]))) {
            writer.setOutput(out);
            writer.write(null, new IIOImage(img, null, null), p);
        }
    }

    static int clamp(int v) {
        return Math.max(0, Math.min(255, v));
    }
}
