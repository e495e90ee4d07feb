package dev.amsh.support;

import dev.amsh.AmshApplication;
import org.springframework.boot.test.context.SpringBootTest;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A Spring test on a real embedded Derby catalog in a temporary directory, migrated by the real
 * Liquibase changelog. The context (and catalog) is shared by every test class using it;
 * {@link CatalogFixture#reset()} empties the catalog before each test.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
// The shell is no web application; a web test names its own (see the dashboard tests).
@SpringBootTest(classes = {AmshApplication.class, TestCatalogConfiguration.class},
        properties = "spring.main.web-application-type=none")
public @interface TestCatalog {
}
