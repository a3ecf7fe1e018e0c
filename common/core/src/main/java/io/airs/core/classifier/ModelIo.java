package io.airs.core.classifier;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32C;

/**
 * The {@code model.bin} format (big-endian):
 *
 * <pre>
 * int    magic 0x4149524D ("AIRM")     short version (3)
 * byte   quantisation (1 = int8 with a per-label scale)
 * byte   labelCount, then per label:
 *          UTF name
 *          byte dimensionBits  int hashSeed  byte minCharGram  byte maxCharGram  byte wordBigrams
 *          int maxChars  byte weighting (0 = tf / sqrt(occurrences), 1 = 1 + ln tf, L2-normalised)
 *          float scale  float bias  double threshold (0 = none)
 * then   per label, in the same order, its 2^dimensionBits int8 weights
 * int    CRC-32C of every byte above
 * </pre>
 *
 * Version 3 gives each label its own features and carries the thresholds, so loading needs nothing
 * but this file; earlier versions are refused. The CRC-32C is checked on every read: it catches a
 * truncated or corrupted file, costs about a millisecond in a fresh JVM where a SHA-256 of the same
 * bytes costs tens, and proves no more than a digest stored in the same file would (neither stops a
 * deliberate edit). The manifest records the file's SHA-256 ({@link #sha256(byte[])}), which a build
 * test checks against the shipped file and {@link InlineClassifier#load} against a directory's.
 */
public final class ModelIo {

    /** The magic number that opens a model file. */
    public static final int MAGIC = 0x4149524D;
    /** The format version written. */
    public static final int VERSION = 3;

    private static final int INT8 = 1;
    private static final int MAX_BYTES = 64 << 20;

    private ModelIo() {}

    /**
     * A model read from a file with the thresholds stored beside it.
     *
     * @param model the model
     * @param thresholds per label, the decision threshold chosen at training
     */
    public record Loaded(LinearModel model, Map<ClassifierLabel, Double> thresholds) {
        public Loaded {
            thresholds = Map.copyOf(thresholds);
        }
    }

    /** The model file's bytes for a training result: its model and thresholds. */
    public static byte[] toBytes(Trainer.Result result) {
        return toBytes(result.model(), result.thresholds());
    }

    /** The model file's bytes; a label without a threshold in {@code thresholds} is stored without one. */
    public static byte[] toBytes(LinearModel model, Map<ClassifierLabel, Double> thresholds) {
        byte[] w = model.weightsView();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(w.length + 512);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(MAGIC);
            out.writeShort(VERSION);
            out.writeByte(INT8);
            List<ClassifierLabel> labels = model.labels();
            float[] scales = model.scales();
            float[] biases = model.biases();
            out.writeByte(labels.size());
            for (int l = 0; l < labels.size(); l++) {
                FeatureConfig fc = model.featureConfig(l);
                out.writeUTF(labels.get(l).wireName());
                out.writeByte(fc.dimensionBits());
                out.writeInt(fc.hashSeed());
                out.writeByte(fc.minCharGram());
                out.writeByte(fc.maxCharGram());
                out.writeByte(fc.wordBigrams() ? 1 : 0);
                out.writeInt(fc.maxChars());
                out.writeByte(fc.weighting().code());
                out.writeFloat(scales[l]);
                out.writeFloat(biases[l]);
                Double t = thresholds.get(labels.get(l));
                out.writeDouble(t == null ? 0.0 : t);
            }
            out.write(w);
            out.flush();
            CRC32C crc = new CRC32C();
            crc.update(bytes.toByteArray());
            out.writeInt((int) crc.getValue());
        } catch (IOException e) {
            throw new IllegalStateException("in-memory write failed", e);
        }
        return bytes.toByteArray();
    }

    /** Writes the model file to {@code out}. */
    public static void write(Trainer.Result result, OutputStream out) throws IOException {
        out.write(toBytes(result));
    }

    /** The hex SHA-256 of a model file's bytes, as the manifest records it. */
    public static String sha256(byte[] file) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(file));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from the JDK", e);
        }
    }

    /**
     * Reads a model file, verifying its CRC-32C.
     *
     * @throws IOException when the file is truncated, corrupted or of another format
     */
    public static Loaded read(InputStream in) throws IOException {
        byte[] file = in.readNBytes(MAX_BYTES + 1);
        if (file.length > MAX_BYTES) {
            throw new IOException("model file larger than " + MAX_BYTES + " bytes");
        }
        return read(file);
    }

    /** Reads a model file's bytes, verifying its CRC-32C; the weights are copied out of {@code file}. */
    public static Loaded read(byte[] file) throws IOException {
        if (file.length < 12) {
            throw new IOException("model file truncated");
        }
        int payload = file.length - 4;
        CRC32C crc = new CRC32C();
        crc.update(file, 0, payload);
        ByteBuffer data = ByteBuffer.wrap(file);
        if (data.getInt(payload) != (int) crc.getValue()) {
            throw new IOException(
                    data.getInt(0) == MAGIC
                            ? "model file checksum mismatch: the file is truncated or corrupted"
                            : "not an AIRS model file (bad magic)");
        }
        data.limit(payload);
        try {
            return parse(data);
        } catch (BufferUnderflowException | IndexOutOfBoundsException e) {
            throw new IOException("model file truncated", e);
        }
    }

    private static Loaded parse(ByteBuffer data) throws IOException {
        if (data.getInt() != MAGIC) {
            throw new IOException("not an AIRS model file (bad magic)");
        }
        int version = Short.toUnsignedInt(data.getShort());
        if (version != VERSION) {
            throw new IOException("unsupported model file version " + version);
        }
        int quant = Byte.toUnsignedInt(data.get());
        if (quant != INT8) {
            throw new IOException("unsupported quantisation " + quant);
        }
        int nl = Byte.toUnsignedInt(data.get());
        List<ClassifierLabel> labels = new ArrayList<>(nl);
        List<FeatureConfig> configs = new ArrayList<>(nl);
        float[] scales = new float[nl];
        float[] biases = new float[nl];
        Map<ClassifierLabel, Double> thresholds = new EnumMap<>(ClassifierLabel.class);
        long total = 0;
        for (int l = 0; l < nl; l++) {
            ClassifierLabel label;
            FeatureConfig fc;
            try {
                label = ClassifierLabel.fromWire(utf(data));
                fc = new FeatureConfig(
                        Byte.toUnsignedInt(data.get()),
                        data.getInt(),
                        Byte.toUnsignedInt(data.get()),
                        Byte.toUnsignedInt(data.get()),
                        data.get() != 0,
                        data.getInt(),
                        FeatureConfig.Weighting.fromCode(Byte.toUnsignedInt(data.get())));
            } catch (IllegalArgumentException e) {
                throw new IOException("bad label header in model file: " + e.getMessage(), e);
            }
            labels.add(label);
            configs.add(fc);
            scales[l] = data.getFloat();
            biases[l] = data.getFloat();
            double t = data.getDouble();
            if (t != 0.0) {
                if (!(t > 0 && t <= 1)) {
                    throw new IOException("threshold of " + label.wireName() + " outside (0, 1]");
                }
                thresholds.put(label, t);
            }
            total += fc.dimensions();
        }
        if (total != data.remaining()) {
            throw new IOException(
                    "weight block of " + data.remaining() + " bytes does not match the header's " + total);
        }
        byte[] weights = new byte[(int) total];
        data.get(weights);
        try {
            return new Loaded(new LinearModel(configs, labels, weights, scales, biases), thresholds);
        } catch (IllegalArgumentException e) {
            throw new IOException("inconsistent model file: " + e.getMessage(), e);
        }
    }

    /** A {@link java.io.DataOutput#writeUTF} string; label names are ASCII. */
    private static String utf(ByteBuffer data) throws IOException {
        int len = Short.toUnsignedInt(data.getShort());
        byte[] b = new byte[len];
        data.get(b);
        for (byte c : b) {
            if (c < 0) {
                throw new IOException("label name is not ASCII");
            }
        }
        return new String(b, StandardCharsets.US_ASCII);
    }
}
