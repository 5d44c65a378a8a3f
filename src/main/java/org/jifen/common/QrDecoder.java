package org.jifen.common;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.LuminanceSource;
import com.google.zxing.MultiFormatReader;
import com.google.zxing.NotFoundException;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.GlobalHistogramBinarizer;
import com.google.zxing.common.HybridBinarizer;

import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the QR code in a phone photo (of a card, a poster), trying hard: ZXing with TRY_HARDER on the image as it is, then
 * with a global-histogram binarizer (low contrast), then on a contrast-stretched copy, then scaled (tiny or huge
 * photos). Pure (no framework); the caller runs it off the event loop.
 */
public final class QrDecoder {

    /** Longest side photos are scaled down to before decoding (phone photos are 4000 px and more). */
    static final int MAX_SIDE = 1600;

    private QrDecoder() {
    }

    public static Optional<String> decode(BufferedImage input) {
        if (input == null) {
            return Optional.empty();
        }
        BufferedImage image = gray(fit(input, MAX_SIDE));
        Optional<String> text = attempt(image);
        if (text.isEmpty()) {
            text = attempt(stretch(image));
        }
        if (text.isEmpty() && Math.max(image.getWidth(), image.getHeight()) < 800) {
            text = attempt(scale(image, 2.0));
        }
        if (text.isEmpty() && Math.max(image.getWidth(), image.getHeight()) > 800) {
            text = attempt(scale(image, 0.5));
        }
        return text;
    }

    static Optional<String> attempt(BufferedImage image) {
        LuminanceSource source = new BufferedImageLuminanceSource(image);
        for (BinaryBitmap bitmap : List.of(new BinaryBitmap(new HybridBinarizer(source)),
                new BinaryBitmap(new GlobalHistogramBinarizer(source)))) {
            Map<DecodeHintType, Object> hints = new EnumMap<>(DecodeHintType.class);
            hints.put(DecodeHintType.TRY_HARDER, Boolean.TRUE);
            hints.put(DecodeHintType.POSSIBLE_FORMATS, List.of(BarcodeFormat.QR_CODE));
            hints.put(DecodeHintType.CHARACTER_SET, "UTF-8");
            try {
                MultiFormatReader reader = new MultiFormatReader();
                return Optional.of(reader.decode(bitmap, hints).getText());
            } catch (NotFoundException e) {
                // next way
            }
        }
        return Optional.empty();
    }

    static BufferedImage fit(BufferedImage image, int maxSide) {
        int side = Math.max(image.getWidth(), image.getHeight());
        return side <= maxSide ? image : scale(image, (double) maxSide / side);
    }

    static BufferedImage scale(BufferedImage image, double factor) {
        int w = Math.max(1, (int) Math.round(image.getWidth() * factor));
        int h = Math.max(1, (int) Math.round(image.getHeight() * factor));
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
        var g = out.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(image, 0, 0, w, h, null);
        g.dispose();
        return out;
    }

    static BufferedImage gray(BufferedImage image) {
        if (image.getType() == BufferedImage.TYPE_BYTE_GRAY) {
            return image;
        }
        BufferedImage out = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_BYTE_GRAY);
        var g = out.createGraphics();
        g.setColor(java.awt.Color.WHITE);
        g.fillRect(0, 0, image.getWidth(), image.getHeight());
        g.drawImage(image, 0, 0, null);
        g.dispose();
        return out;
    }

    /** Stretches the grey levels between the 2nd and 98th percentile to the full range. */
    static BufferedImage stretch(BufferedImage gray) {
        var raster = gray.getRaster();
        int w = gray.getWidth();
        int h = gray.getHeight();
        int[] histogram = new int[256];
        int[] px = new int[w * h];
        raster.getSamples(0, 0, w, h, 0, px);
        for (int p : px) {
            histogram[p]++;
        }
        int lo = percentile(histogram, px.length, 0.02);
        int hi = percentile(histogram, px.length, 0.98);
        if (hi - lo < 2) {
            return gray;
        }
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
        for (int i = 0; i < px.length; i++) {
            px[i] = Math.max(0, Math.min(255, (px[i] - lo) * 255 / (hi - lo)));
        }
        out.getRaster().setSamples(0, 0, w, h, 0, px);
        return out;
    }

    private static int percentile(int[] histogram, int total, double q) {
        long seen = 0;
        for (int i = 0; i < 256; i++) {
            seen += histogram[i];
            if (seen >= total * q) {
                return i;
            }
        }
        return 255;
    }
}
