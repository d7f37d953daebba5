package org.pathnorm.data;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Opening dataset files, raw or gzip-compressed (recognised by the magic bytes 1f 8b, not the name),
 * with every failure turned into a one-line {@link DataFormatException} naming the file.
 */
final class DataFiles {
  static final int BUFFER = 1 << 16;
  /** The largest expansion of deflate (RFC 1951: 258-byte matches coded in under 2 bits each). */
  static final long MAX_DEFLATE_RATIO = 1032;

  private DataFiles() {}

  /** An open file and the number of bytes its (decompressed) content can hold at most. */
  record Opened(InputStream in, long maxBytes, boolean gzip) {}

  /**
   * Opens {@code file}; {@code maxBytes} bounds its content: the file size, or for gzip files the
   * ISIZE field of the trailer (the decompressed size mod 2³², which {@link GZIPInputStream} checks at
   * the end) capped at 1032 × the file size, so headers can be checked before anything is allocated
   * and a forged header or trailer cannot make a reader allocate more than ~4 × 1032 × the file size.
   */
  static Opened open(Path file) {
    try {
      long size = Files.size(file);
      boolean gzip = false;
      long isize = size;
      if (size >= 18) {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
          ByteBuffer head = ByteBuffer.allocate(2);
          ch.read(head, 0);
          gzip = (head.get(0) & 0xff) == 0x1f && (head.get(1) & 0xff) == 0x8b;
          if (gzip) {
            ByteBuffer tail = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN);
            ch.read(tail, size - 4);
            // ISIZE can lie (it is checked only at the end); deflate expands at most 1032:1
            isize = Math.min(tail.getInt(0) & 0xffffffffL, MAX_DEFLATE_RATIO * size);
          }
        }
      }
      InputStream raw = Files.newInputStream(file);
      InputStream in = gzip ? new GZIPInputStream(raw, BUFFER) : new BufferedInputStream(raw, BUFFER);
      return new Opened(in, isize, gzip);
    } catch (NoSuchFileException e) {
      throw new DataFormatException(file + ": file not found");
    } catch (ZipException | EOFException e) {
      throw corrupt(file, e);
    } catch (IOException e) {
      throw new UncheckedIOException(file + ": " + e.getMessage(), e);
    }
  }

  /** Fills {@code buf[off … off+len−1]}; a short file is reported as truncated in {@code field}. */
  static void readFully(InputStream in, byte[] buf, int off, int len, Path file, String field) {
    int done = readUpTo(in, buf, off, len, file);
    if (done < len) {
      throw new DataFormatException(file + ": truncated " + field + ": expected " + len + " more bytes, found " + done);
    }
  }

  /** Reads up to {@code len} bytes into {@code buf[off …]}, fewer only at the end of the file; returns the count. */
  static int readUpTo(InputStream in, byte[] buf, int off, int len, Path file) {
    int done = 0;
    try {
      while (done < len) {
        int r = in.read(buf, off + done, len - done);
        if (r < 0) break;
        done += r;
      }
      return done;
    } catch (ZipException | EOFException e) {
      throw corrupt(file, e);
    } catch (IOException e) {
      throw new UncheckedIOException(file + ": " + e.getMessage(), e);
    }
  }

  /** Reads to the end, requiring that nothing is left (extra bytes mean a wrong count in the header). */
  static void expectEnd(InputStream in, Path file, String field) {
    try {
      long extra = 0;
      byte[] skip = new byte[4096];
      int r;
      while ((r = in.read(skip)) >= 0) extra += r;
      if (extra > 0) {
        throw new DataFormatException(file + ": " + extra + " bytes after the last " + field + " (more data than the header or the file size announced)");
      }
    } catch (ZipException | EOFException e) {
      throw corrupt(file, e);
    } catch (IOException e) {
      throw new UncheckedIOException(file + ": " + e.getMessage(), e);
    }
  }

  static void close(InputStream in) {
    try {
      in.close();
    } catch (IOException ignored) {
      // read-only stream: nothing was written that a failed close could lose
    }
  }

  static DataFormatException corrupt(Path file, IOException e) {
    return new DataFormatException(file + ": corrupt gzip stream (" + e.getMessage() + ")");
  }
}
