package dev.amsh.dashboard;

import dev.amsh.catalog.CatalogException;
import dev.amsh.catalog.FailedException;
import dev.amsh.catalog.Secrets;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.dao.DataAccessException;
import org.springframework.ui.Model;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

import java.sql.SQLException;

/** Errors as a page that says what happened in one line, never a stack trace. */
@ControllerAdvice
public class DashboardErrors {

    @ExceptionHandler(ImagesController.NotFoundException.class)
    public String notFound(CatalogException e, Model model, HttpServletResponse response) {
        return page(HttpServletResponse.SC_NOT_FOUND, e.getMessage(), model, response);
    }

    @ExceptionHandler(ReadOnlyGuard.ReadOnlyException.class)
    public String readOnly(CatalogException e, Model model, HttpServletResponse response) {
        return page(HttpServletResponse.SC_FORBIDDEN, e.getMessage(), model, response);
    }

    @ExceptionHandler(CatalogException.class)
    public String refused(CatalogException e, Model model, HttpServletResponse response) {
        int status = e instanceof FailedException ? HttpServletResponse.SC_SERVICE_UNAVAILABLE
                : HttpServletResponse.SC_CONFLICT;
        return page(status, e.getMessage(), model, response);
    }

    @ExceptionHandler({MissingServletRequestParameterException.class, MethodArgumentTypeMismatchException.class})
    public String badRequest(Exception e, Model model, HttpServletResponse response) {
        return page(HttpServletResponse.SC_BAD_REQUEST, "this address is not one the dashboard links to", model,
                response);
    }

    @ExceptionHandler(NoResourceFoundException.class)
    public String noPage(Model model, HttpServletResponse response) {
        return page(HttpServletResponse.SC_NOT_FOUND, "no such page", model, response);
    }

    @ExceptionHandler(RuntimeException.class)
    public String failed(RuntimeException e, Model model, HttpServletResponse response) {
        return page(HttpServletResponse.SC_INTERNAL_SERVER_ERROR, messageOf(e), model, response);
    }

    /** One line, as the shell words it: a busy catalog says to try again; nothing is left half done. */
    static String messageOf(RuntimeException e) {
        if (e instanceof DataAccessException dataAccess) {
            Throwable root = dataAccess.getMostSpecificCause();
            if (root instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("40")) {
                return "the catalog is busy with another session (" + sql.getSQLState()
                        + "); nothing was changed, try again";
            }
            return "catalog error: " + firstLine(root.getMessage()) + "; nothing was changed";
        }
        return "internal error: " + e.getClass().getSimpleName()
                + (e.getMessage() == null ? "" : ": " + firstLine(e.getMessage()));
    }

    private static String firstLine(String message) {
        return message == null ? "" : message.lines().findFirst().orElse("").strip();
    }

    private static String page(int status, String message, Model model, HttpServletResponse response) {
        response.setStatus(status);
        model.addAttribute("message", Secrets.redact(message));
        return "error";
    }
}
