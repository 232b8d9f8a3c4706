# Two applications in two application pools, a virtual directory, and an http plus a self-signed
# https binding:
#
#   /              local/site   pool "default" (the implicit pool, IIS defaults)
#   /media/        local/media  virtual directory of the root application
#   /api/          local/api    pool "api" (AlwaysRunning, its own worker process)
#
#   nomad job run examples/two-pools-https.nomad.hcl
#   curl http://127.0.0.1:<http port>/  and  curl -k https://127.0.0.1:<https port>/api/
#
# The pool "spare" is declared but no application uses it: like the C# plugin, the driver does not
# create it, and says so in a task event.

job "two-pools-https" {
  datacenters = ["*"]
  type        = "service"

  group "web" {
    network {
      port "http" {}
      port "https" {}
    }

    task "site" {
      driver = "iis"

      template {
        destination = "local/site/index.html"
        data        = <<-EOT
          <!DOCTYPE html>
          <html><body><h1>Root application (pool default)</h1></body></html>
        EOT
      }

      template {
        destination = "local/media/readme.txt"
        data        = "A file from the /media virtual directory.\n"
      }

      template {
        destination = "local/api/index.html"
        data        = <<-EOT
          <!DOCTYPE html>
          <html><body><h1>API application (pool api)</h1></body></html>
        EOT
      }

      config {
        application_pool {
          name       = "api"
          start_mode = "AlwaysRunning"
        }

        application_pool {
          name = "spare"
        }

        application {
          path = "local/site"

          virtual_directory {
            alias = "media"
            path  = "local/media"
          }
        }

        application {
          alias            = "api"
          path             = "local/api"
          application_pool = "api"
        }

        binding {
          type = "http"
          port = "http"
        }

        binding {
          type = "https"
          port = "https"

          certificate {
            use_self_signed = true
          }
        }
      }

      resources {
        cpu    = 200
        memory = 128
      }
    }
  }
}
