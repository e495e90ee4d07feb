package dev.amsh.imageserver;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

import java.time.Duration;

/**
 * How long amsh waits on an image server.
 *
 * @param connectTimeout  for the connection to be made
 * @param readTimeout     for the response headers, and then for each next read of the body: a
 *                        server that stops sending mid-stream is given up on after this long
 * @param deadlineAllowance with {@code slowestRate}, the overall deadline of one fetch: this
 *                        allowance plus the time the expected size takes at the slowest rate an
 *                        honest server keeps up; a server that trickles bytes just often enough to
 *                        beat the read timeout is still given up on
 * @param slowestRate     bytes per second
 */
@ConfigurationProperties("amsh.image-server")
public record ImageServerProperties(@DefaultValue("10s") Duration connectTimeout,
        @DefaultValue("30s") Duration readTimeout,
        @DefaultValue("30s") Duration deadlineAllowance,
        @DefaultValue("1MB") DataSize slowestRate) {

    /** How long fetching {@code size} bytes may take in all. */
    Duration deadline(long size) {
        long rate = Math.max(1, slowestRate.toBytes());
        return deadlineAllowance.plusSeconds(size / rate + (size % rate == 0 ? 0 : 1));
    }
}
