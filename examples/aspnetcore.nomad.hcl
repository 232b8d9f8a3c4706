# An ASP.NET Core-style application: IIS's ASP.NET Core Module (ANCM) reads web.config's
# <aspNetCore processPath="..." arguments="..."/>, starts that program with ASPNETCORE_PORT set and
# forwards the site's requests to it.
#
#   nomad job run -var app_zip=https://example.org/myapp.zip examples/aspnetcore.nomad.hcl
#       a published ASP.NET Core app (dotnet publish output with its web.config), downloaded into
#       local/artifact: this is how it runs on Windows with IIS and the ASP.NET Core Hosting Bundle;
#   nomad job run examples/aspnetcore.nomad.hcl
#       without app_zip the templates below write a web.config whose processPath is python3 and a
#       tiny app.py that serves ASPNETCORE_PORT: any program that listens on ASPNETCORE_PORT works
#       the same way (on Linux, with the driver's portable host; needs python3 on the node).

variable "app_zip" {
  description = "URL of a zip with a published ASP.NET Core app; empty: the python3 app below"
  type        = string
  default     = ""
}

job "aspnetcore" {
  datacenters = ["*"]
  type        = "service"

  group "web" {
    network {
      port "http" {}
    }

    task "app" {
      driver = "iis"

      dynamic "artifact" {
        for_each = var.app_zip == "" ? [] : [var.app_zip]
        content {
          source      = artifact.value
          destination = "local/artifact"
        }
      }

      template {
        destination = "local/app/web.config"
        data        = <<-EOT
          <?xml version="1.0" encoding="utf-8"?>
          <configuration>
            <system.webServer>
              <handlers>
                <add name="aspNetCore" path="*" verb="*" modules="AspNetCoreModuleV2" resourceType="Unspecified" />
              </handlers>
              <aspNetCore processPath="python3" arguments="app.py" hostingModel="outofprocess" stdoutLogEnabled="false">
                <environmentVariables>
                  <environmentVariable name="GREETING" value="Hello from an ASP.NET Core-style app" />
                </environmentVariables>
              </aspNetCore>
            </system.webServer>
          </configuration>
        EOT
      }

      template {
        destination = "local/app/app.py"
        data        = <<-EOT
          import os
          from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

          class Handler(BaseHTTPRequestHandler):
              def do_GET(self):
                  body = (os.environ.get("GREETING", "hello") + " at " + self.path + "\n").encode()
                  self.send_response(200)
                  self.send_header("Content-Type", "text/plain; charset=utf-8")
                  self.send_header("Content-Length", str(len(body)))
                  self.end_headers()
                  self.wfile.write(body)

          port = int(os.environ["ASPNETCORE_PORT"])
          print("app.py listening on 127.0.0.1:%d" % port, flush=True)
          ThreadingHTTPServer(("127.0.0.1", port), Handler).serve_forever()
        EOT
      }

      config {
        application {
          path = var.app_zip == "" ? "local/app" : "local/artifact"
        }

        binding {
          type = "http"
          port = "http"
        }
      }

      resources {
        cpu    = 200
        memory = 128
      }
    }
  }
}
