# A static website served by the iis driver: one application (the site root) in the implicit
# "default" application pool, bound to a dynamic http port.
#
#   nomad job run examples/static-site.nomad.hcl
#   nomad job run -var site_zip=https://example.org/site.zip examples/static-site.nomad.hcl
#
# Without site_zip the page comes from the template below; with it, the zip is downloaded into
# local/artifact and served instead.

variable "site_zip" {
  description = "URL of a zip with the site's files; empty: serve the page written by the template"
  type        = string
  default     = ""
}

job "static-site" {
  datacenters = ["*"]
  type        = "service"

  group "web" {
    network {
      port "http" {}
    }

    task "site" {
      driver = "iis"

      dynamic "artifact" {
        for_each = var.site_zip == "" ? [] : [var.site_zip]
        content {
          source      = artifact.value
          destination = "local/artifact"
        }
      }

      template {
        destination = "local/site/index.html"
        data        = <<-EOT
          <!DOCTYPE html>
          <html>
            <head><title>static-site</title></head>
            <body><h1>Hello from Nomad and the iis driver</h1></body>
          </html>
        EOT
      }

      config {
        application {
          path = var.site_zip == "" ? "local/site" : "local/artifact"
        }

        binding {
          type = "http"
          port = "http"
        }
      }

      resources {
        cpu    = 100
        memory = 64
      }
    }
  }
}
