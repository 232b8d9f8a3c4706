package io.nomadiis.driver.task.plan;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.stream.Stream;

/**
 * Prepares the task directory for a plan: creates {@code tmp} (the pools' TMP/TEMP) and fills every
 * application folder that is missing or empty from the placeholder folder, when that folder exists
 * (otherwise the application folder is created empty).
 */
public final class TaskFilesystem {

    private TaskFilesystem() {}

    /**
     * @param plan the plan
     * @param placeholder the {@code placeholder_app_path} of the plugin config, or null
     */
    public static void prepare(TaskPlan plan, String placeholder) throws IOException {
        Files.createDirectories(plan.tmpDir());
        if (plan.iisLogDir() != null) {
            Files.createDirectories(plan.iisLogDir());
        }
        Path source = placeholderDir(placeholder);
        for (Path target : plan.placeholderTargets()) {
            if (isMissingOrEmpty(target)) {
                Files.createDirectories(target);
                if (source != null && !source.equals(target)) {
                    copyTree(source, target);
                }
            }
        }
        Path emptyRoot = plan.taskDir().resolve(DeploymentPlanner.EMPTY_ROOT_DIR);
        if (plan.applications().stream().anyMatch(a -> a.physicalPath().equals(emptyRoot))) {
            Files.createDirectories(emptyRoot);
        }
    }

    private static Path placeholderDir(String placeholder) {
        if (placeholder == null || placeholder.isBlank()) {
            return null;
        }
        try {
            Path p = Path.of(placeholder);
            return Files.isDirectory(p) ? p : null;
        } catch (RuntimeException e) {
            return null;
        }
    }

    static boolean isMissingOrEmpty(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return true;
        }
        if (!Files.isDirectory(dir)) {
            return false;
        }
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.findAny().isEmpty();
        }
    }

    private static void copyTree(Path source, Path target) throws IOException {
        Files.walkFileTree(source, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                Files.createDirectories(target.resolve(source.relativize(dir).toString()));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.copy(
                        file, target.resolve(source.relativize(file).toString()), StandardCopyOption.REPLACE_EXISTING);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
