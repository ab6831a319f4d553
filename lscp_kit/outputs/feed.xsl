<?xml version="1.0" encoding="UTF-8"?>
<!-- Shows an RSS 2.0 or Atom feed opened in a browser as a page: what the feed is, its latest
     items (only what the feed holds) and how to subscribe. Written to site/feeds/feed.xsl.
     Chromium shows a feed served as application/atom+xml or application/rss+xml as plain text
     and never applies this stylesheet: web servers serve .atom and .xml as application/xml. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
                xmlns:atom="http://www.w3.org/2005/Atom" exclude-result-prefixes="atom">
  <xsl:output method="html" encoding="UTF-8" indent="yes" doctype-system="about:legacy-compat"/>

  <xsl:variable name="title" select="rss/channel/title | atom:feed/atom:title"/>
  <xsl:variable name="about" select="rss/channel/description | atom:feed/atom:subtitle"/>
  <xsl:variable name="address" select="rss/channel/atom:link[@rel='self']/@href | atom:feed/atom:link[@rel='self']/@href"/>
  <xsl:variable name="home" select="rss/channel/link | atom:feed/atom:link[@rel='alternate']/@href"/>

  <xsl:template match="/">
    <html lang="en-GB">
      <head>
        <meta charset="utf-8"/>
        <meta name="viewport" content="width=device-width, initial-scale=1"/>
        <link rel="icon" href="../assets/images/favicon.png"/>
        <title><xsl:value-of select="$title"/> (feed)</title>
        <style>
          :root { --lscp-primary: #0b3d66; }
          body { font: 1.0625rem/1.55 system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif;
                 color: #1d1d1f; background: #fff; margin: 0; }
          header, main { max-width: 46rem; margin: 0 auto; padding: 0 1rem; }
          header { border-bottom: 4px solid var(--lscp-primary); padding-top: 1rem; }
          h1 { font-size: 1.75rem; line-height: 1.25; margin: .5rem 0 .75rem; color: #111; }
          h2 { font-size: 1.35rem; margin: 2rem 0 .5rem; color: #111; }
          h3 { font-size: 1.1rem; margin: 0 0 .25rem; }
          a { color: var(--lscp-primary); text-decoration: underline; }
          a:focus { outline: 3px solid #ffbf47; outline-offset: 0; }
          .notice { background: #eef3f9; border-left: 5px solid var(--lscp-primary); padding: .75rem 1rem; }
          label { display: block; font-weight: 600; margin-bottom: .25rem; }
          input { width: 100%; box-sizing: border-box; font: inherit; padding: .4rem; border: 2px solid #444; }
          ol.items { list-style: none; padding: 0; }
          ol.items li { border-top: 1px solid #c8c8c8; padding: .9rem 0; }
          .meta { color: #4a4a4a; font-size: .95rem; margin: 0 0 .25rem; }
          p.summary { margin: 0; }
        </style>
      </head>
      <body>
        <header>
          <p><a href="{$home}">Back to the website</a></p>
          <h1><xsl:value-of select="$title"/></h1>
        </header>
        <main>
          <p class="notice">This is a <strong>feed</strong>: a web address that a feed reader or Outlook
            checks for you, so new items come to you without visiting the website. It is meant to be
            read by those programs, and this page shows what it holds.</p>
          <p><xsl:value-of select="$about"/></p>
          <h2 id="how-to-subscribe">How to subscribe</h2>
          <label for="address">The feed's address</label>
          <input id="address" type="text" readonly="readonly" value="{$address}"/>
          <ul>
            <li><strong>Copy the address</strong> above (select it and copy) to paste it wherever you
              subscribe.</li>
            <li><strong>In a feed reader</strong> (such as Feedly, Inoreader or NetNewsWire): paste the
              address into the reader's "add feed" or "subscribe" box.</li>
            <li><strong>In Microsoft Outlook</strong> (classic Outlook for Windows): right-click <strong>RSS Feeds</strong> in
              the folder list, choose <strong>Add a New RSS Feed</strong>, paste the address and
              choose <strong>Add</strong>.</li>
            <li><strong>In new Outlook or Outlook on the web</strong>: they have no feed reader. Get the
              items by email instead: the <a href="{$home}subscribe/#by-email">Subscribe page</a> says how.</li>
          </ul>
          <p>Every feed we publish is listed on the <a href="{$home}subscribe/">Subscribe page</a>.</p>
          <h2 id="latest">Latest items</h2>
          <xsl:choose>
            <xsl:when test="rss/channel/item | atom:feed/atom:entry">
              <ol class="items">
                <xsl:apply-templates select="rss/channel/item | atom:feed/atom:entry"/>
              </ol>
            </xsl:when>
            <xsl:otherwise><p>Nothing is published in this feed yet.</p></xsl:otherwise>
          </xsl:choose>
        </main>
      </body>
    </html>
  </xsl:template>

  <xsl:template match="item">
    <li>
      <h3><a href="{link}"><xsl:value-of select="title"/></a></h3>
      <p class="meta">Published <xsl:value-of select="number(substring(pubDate, 6, 2))"/><xsl:value-of select="substring(pubDate, 8, 9)"/></p>
      <p class="summary"><xsl:value-of select="description"/></p>
      <xsl:for-each select="enclosure">
        <p><a href="{@url}">Listen (audio file)</a></p>
      </xsl:for-each>
    </li>
  </xsl:template>

  <xsl:template match="atom:entry">
    <li>
      <h3><a href="{atom:link[not(@rel) or @rel='alternate'][1]/@href}"><xsl:value-of select="atom:title"/></a></h3>
      <p class="meta">Published <xsl:call-template name="day"><xsl:with-param name="iso" select="atom:published"/></xsl:call-template></p>
      <p class="summary"><xsl:value-of select="atom:summary"/></p>
      <xsl:for-each select="atom:link[@rel='enclosure']">
        <p><a href="{@href}">Listen (audio file)</a></p>
      </xsl:for-each>
    </li>
  </xsl:template>
  <xsl:template name="day">
    <xsl:param name="iso"/>
    <xsl:value-of select="concat(number(substring($iso, 9, 2)), ' ',
      substring('JanFebMarAprMayJunJulAugSepOctNovDec', 3 * number(substring($iso, 6, 2)) - 2, 3), ' ',
      substring($iso, 1, 4))"/>
  </xsl:template>
</xsl:stylesheet>
