package dev.amsh.dashboard;

import dev.amsh.command.CommandResult;
import dev.amsh.vocabulary.CatalogException;
import dev.amsh.vocabulary.Secrets;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.ui.Model;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

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

    @ExceptionHandler({MissingServletRequestParameterException.class, MethodArgumentTypeMismatchException.class})
    public String badRequest(Exception e, Model model, HttpServletResponse response) {
        return page(HttpServletResponse.SC_BAD_REQUEST, "this address is not one the dashboard links to", model,
                response);
    }

    @ExceptionHandler(NoResourceFoundException.class)
    public String noPage(Model model, HttpServletResponse response) {
        return page(HttpServletResponse.SC_NOT_FOUND, "no such page", model, response);
    }

    /** A refusal, a change meanwhile, a failure: the status and the line the shell would give it. */
    @ExceptionHandler(RuntimeException.class)
    public String failed(RuntimeException e, Model model, HttpServletResponse response) {
        CommandResult result = CommandResult.of(e);
        return page(result.httpStatus(), result.message(), model, response);
    }

    private static String page(int status, String message, Model model, HttpServletResponse response) {
        response.setStatus(status);
        model.addAttribute("message", Secrets.redact(message));
        return "error";
    }
}
