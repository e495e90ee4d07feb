package dev.amsh.imageserver;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * How long amsh waits on an image server.
 *
 * @param connectTimeout for the connection to be made
 * @param readTimeout    for the response headers, and then for each next read of the body: a
 *                       server that stops sending mid-stream is given up on after this long
 */
@ConfigurationProperties("amsh.image-server")
public record ImageServerProperties(@DefaultValue("10s") Duration connectTimeout,
        @DefaultValue("30s") Duration readTimeout) {
}
