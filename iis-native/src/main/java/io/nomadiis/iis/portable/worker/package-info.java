/**
 * The pool worker process: IIS's static file handler (default documents, content types, hidden segments,
 * validators, byte ranges), virtual directories, and ANCM out-of-process applications started from
 * {@code web.config}; output to the task's sinks without ever blocking on a FIFO.
 */
package io.nomadiis.iis.portable.worker;
