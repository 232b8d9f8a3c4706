/**
 * The portable web-server service process: configuration ({@link io.nomadiis.iis.portable.service.HostConfiguration}),
 * pool supervision (start, stop, overlapped recycle, crash restart, rapid-fail protection, re-adoption),
 * listeners with SNI certificate selection, request routing and proxying, the certificate store and the
 * local control channel used by {@link io.nomadiis.iis.portable.PortableIisHost}.
 */
package io.nomadiis.iis.portable.service;
