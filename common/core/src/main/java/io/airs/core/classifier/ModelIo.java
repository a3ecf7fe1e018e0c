package io.airs.core.classifier;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/**
 * The {@code model.bin} format (big-endian):
 *
 * <pre>
 * int    magic 0x4149524D ("AIRM")     short version (2)
 * byte   dimensionBits   int hashSeed  byte minCharGram  byte maxCharGram  byte wordBigrams
 * int    maxChars        byte quantisation (1 = int8 with a per-label scale)
 * byte   labelCount, then per label: UTF name, float scale, float bias
 * int    weight byte count, then the int8 weights, label-major (bucket fastest)
 * 32     SHA-256 of every byte above
 * </pre>
 *
 * Version 2 stores the weights label-major (one label's weights together, so scoring one label
 * touches only them) for features weighted {@code tf / sqrt(occurrences)}; version 1 files are
 * refused. The digest is checked on every read; {@link #read(InputStream, String)} also checks it against the
 * one recorded in the manifest, so a model and a manifest that do not belong together are refused.
 */
public final class ModelIo {

    /** The magic number that opens a model file. */
    public static final int MAGIC = 0x4149524D;
    /** The format version written. */
    public static final int VERSION = 2;

    private static final int INT8 = 1;
    private static final int MAX_BYTES = 64 << 20;

    private ModelIo() {}

    /** The model file's bytes. */
    public static byte[] toBytes(LinearModel model) {
        ByteArrayOutputStream bytes =
                new ByteArrayOutputStream(model.featureConfig().dimensions() * 4 + 256);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            FeatureConfig fc = model.featureConfig();
            out.writeInt(MAGIC);
            out.writeShort(VERSION);
            out.writeByte(fc.dimensionBits());
            out.writeInt(fc.hashSeed());
            out.writeByte(fc.minCharGram());
            out.writeByte(fc.maxCharGram());
            out.writeByte(fc.wordBigrams() ? 1 : 0);
            out.writeInt(fc.maxChars());
            out.writeByte(INT8);
            List<ClassifierLabel> labels = model.labels();
            float[] scales = model.scales();
            float[] biases = model.biases();
            out.writeByte(labels.size());
            for (int l = 0; l < labels.size(); l++) {
                out.writeUTF(labels.get(l).wireName());
                out.writeFloat(scales[l]);
                out.writeFloat(biases[l]);
            }
            byte[] w = model.weightBytes();
            out.writeInt(w.length);
            out.write(w);
        } catch (IOException e) {
            throw new IllegalStateException("in-memory write failed", e);
        }
        byte[] payload = bytes.toByteArray();
        byte[] digest = sha256(payload, payload.length);
        byte[] file = Arrays.copyOf(payload, payload.length + digest.length);
        System.arraycopy(digest, 0, file, payload.length, digest.length);
        return file;
    }

    /** Writes the model file to {@code out}. */
    public static void write(LinearModel model, OutputStream out) throws IOException {
        out.write(toBytes(model));
    }

    /** The hex SHA-256 the model file carries, as recorded in the manifest. */
    public static String sha256(LinearModel model) {
        byte[] file = toBytes(model);
        return HexFormat.of().formatHex(file, file.length - 32, file.length);
    }

    /** Reads a model file, verifying its embedded SHA-256. */
    public static LinearModel read(InputStream in) throws IOException {
        return read(in, null);
    }

    /**
     * Reads a model file, verifying its embedded SHA-256 and, when {@code expectedSha256} is not
     * null, that it equals that hex digest (from the manifest).
     *
     * @throws IOException when the file is truncated, corrupted, of another format, or does not match
     */
    public static LinearModel read(InputStream in, String expectedSha256) throws IOException {
        byte[] file = in.readNBytes(MAX_BYTES + 1);
        if (file.length > MAX_BYTES) {
            throw new IOException("model file larger than " + MAX_BYTES + " bytes");
        }
        if (file.length < 32 + 8) {
            throw new IOException("model file truncated");
        }
        int payloadLength = file.length - 32;
        byte[] digest = sha256(file, payloadLength);
        if (!MessageDigest.isEqual(digest, Arrays.copyOfRange(file, payloadLength, file.length))) {
            throw new IOException("model file checksum mismatch: the file is corrupted");
        }
        String hex = HexFormat.of().formatHex(digest);
        if (expectedSha256 != null && !expectedSha256.equalsIgnoreCase(hex)) {
            throw new IOException("model file SHA-256 " + hex + " differs from the manifest's " + expectedSha256);
        }
        DataInputStream data = new DataInputStream(new java.io.ByteArrayInputStream(file, 0, payloadLength));
        if (data.readInt() != MAGIC) {
            throw new IOException("not an AIRS model file (bad magic)");
        }
        int version = data.readUnsignedShort();
        if (version != VERSION) {
            throw new IOException("unsupported model file version " + version);
        }
        FeatureConfig fc;
        try {
            fc = new FeatureConfig(
                    data.readUnsignedByte(),
                    data.readInt(),
                    data.readUnsignedByte(),
                    data.readUnsignedByte(),
                    data.readUnsignedByte() != 0,
                    data.readInt());
        } catch (IllegalArgumentException e) {
            throw new IOException("bad feature configuration in model file: " + e.getMessage(), e);
        }
        int quant = data.readUnsignedByte();
        if (quant != INT8) {
            throw new IOException("unsupported quantisation " + quant);
        }
        int nl = data.readUnsignedByte();
        List<ClassifierLabel> labels = new ArrayList<>();
        float[] scales = new float[nl];
        float[] biases = new float[nl];
        for (int l = 0; l < nl; l++) {
            try {
                labels.add(ClassifierLabel.fromWire(data.readUTF()));
            } catch (IllegalArgumentException e) {
                throw new IOException(e.getMessage(), e);
            }
            scales[l] = data.readFloat();
            biases[l] = data.readFloat();
        }
        int len = data.readInt();
        if ((long) len != (long) fc.dimensions() * nl || len != data.available()) {
            throw new IOException("weight block of " + len + " bytes does not match the header");
        }
        byte[] weights = data.readNBytes(len);
        try {
            return new LinearModel(fc, labels, weights, scales, biases);
        } catch (IllegalArgumentException e) {
            throw new IOException("inconsistent model file: " + e.getMessage(), e);
        }
    }

    private static byte[] sha256(byte[] data, int length) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update(data, 0, length);
            return md.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from the JDK", e);
        }
    }
}
